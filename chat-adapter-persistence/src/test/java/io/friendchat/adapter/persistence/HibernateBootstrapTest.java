package io.friendchat.adapter.persistence;

import io.friendchat.domain.account.Username;
import io.friendchat.domain.directory.AccountDraft;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hibernate starts without generating classes: a proxy, an instantiator and a field-access class per
 * entity, written with ByteBuddy at every start, were a tenth of the time to the first answer. The
 * stores never need them (no lazy association, no reference loaded); {@link StoresSuite} shows they work.
 * And a server may build its HTTP stack while the bootstrap goes on: a store used before it ends waits for it.
 */
class HibernateBootstrapTest {

    @Test
    void noClassIsGeneratedForTheEntities() {
        try (ChatDatabase database = ChatDatabase.open(new DatabaseSettings(
                "jdbc:h2:mem:bootstrap_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "", 2))) {
            assertThat(database.health().isUp()).isTrue();
            for (Class<?> entity : List.of(AccountEntity.class, ConversationEntity.class, FriendshipEntity.class,
                    MessageEntity.class)) {
                for (String generated : List.of("$HibernateProxy", "$HibernateInstantiator")) {
                    assertThatThrownBy(() -> Class.forName(entity.getName() + generated, false,
                            entity.getClassLoader())).isInstanceOf(ClassNotFoundException.class);
                }
            }
        }
    }

    @Test
    void aDatabaseOpenedMigratedServesItsStoresBeforeAndAfterItIsAwaited() {
        DatabaseSettings settings = new DatabaseSettings(
                "jdbc:h2:mem:migrated_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
        try (ChatDatabase database = ChatDatabase.openMigrated(settings, null)) {
            // The directory writes through Hibernate: the first call waits for the bootstrap if it is still going on.
            database.directory().create(new AccountDraft(7L, "early", "early@example.com", "Early", null, false));
            assertThat(database.awaitReady()).isSameAs(database);
            assertThat(database.awaitReady()).isSameAs(database);
            assertThat(database.directory().byUsername(new Username("early")))
                    .hasValueSatisfying(account -> assertThat(account.id().value()).isEqualTo(7L));
        }
    }

    @Test
    void aDatabaseClosedBeforeItIsAwaitedClosesOnceTheBootstrapEnds() {
        DatabaseSettings settings = new DatabaseSettings(
                "jdbc:h2:mem:closed_early_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
        ChatDatabase database = ChatDatabase.openMigrated(settings, null);
        database.close();
        assertThat(database.health().isUp()).isFalse();
    }
}
