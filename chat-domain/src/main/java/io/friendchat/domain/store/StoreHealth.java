package io.friendchat.domain.store;

/** Whether the store answers now: what a health check reports. */
public interface StoreHealth {

    boolean isUp();
}
