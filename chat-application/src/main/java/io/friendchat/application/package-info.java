/**
 * The use cases of friendchat: one class per thing a user does, each reaching
 * the world only through the ports of the domain. No framework here.
 */
package io.friendchat.application;
