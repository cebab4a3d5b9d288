package io.friendchat.adapter.persistence;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hibernate starts without generating classes: a proxy, an instantiator and a field-access class per
 * entity, written with ByteBuddy at every start, were a tenth of the time to the first answer. The
 * stores never need them (no lazy association, no reference loaded); {@link StoresSuite} shows they work.
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
}
