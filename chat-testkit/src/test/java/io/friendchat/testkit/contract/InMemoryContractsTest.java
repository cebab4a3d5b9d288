package io.friendchat.testkit.contract;

import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.directory.Directory;
import io.friendchat.domain.friendship.Friendships;
import io.friendchat.domain.message.MessageStore;
import io.friendchat.testkit.InMemoryDirectory;
import io.friendchat.testkit.InMemoryMessageStore;
import org.junit.jupiter.api.Nested;

/** The in-memory kit holds to the same port contracts as the database adapter. */
class InMemoryContractsTest {

    @Nested
    class Messages extends MessageStoreContract {
        @Override
        protected MessageStore storeUnderTest() {
            return new InMemoryMessageStore();
        }
    }

    @Nested
    class Directories extends DirectoryContract {
        private InMemoryDirectory kit;

        @Override
        protected Directory directoryUnderTest() {
            kit = new InMemoryDirectory();
            return kit;
        }

        @Override
        protected Accounts accountsUnderTest() {
            return kit;
        }
    }

    @Nested
    class Friends extends FriendshipsContract {
        private final InMemoryDirectory kit = new InMemoryDirectory();

        @Override
        protected Friendships friendshipsUnderTest() {
            return kit;
        }

        @Override
        protected void befriend(AccountId a, AccountId b) {
            kit.befriend(a, b);
        }

        @Override
        protected void unfriend(AccountId a, AccountId b) {
            kit.unfriend(a, b);
        }
    }
}
