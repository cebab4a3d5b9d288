package io.friendchat.domain.account;

/** The identity of an account: the host's user id, a positive 64-bit integer. */
public record AccountId(long value) implements Comparable<AccountId> {

    public AccountId {
        if (value < 1) {
            throw new IllegalArgumentException("an account id is a positive integer, got " + value);
        }
    }

    public static AccountId of(long value) {
        return new AccountId(value);
    }

    @Override
    public int compareTo(AccountId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
