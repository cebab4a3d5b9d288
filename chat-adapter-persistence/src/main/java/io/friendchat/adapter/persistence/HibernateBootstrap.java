package io.friendchat.adapter.persistence;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.internal.none.BytecodeProviderImpl;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.cfg.AvailableSettings;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/** Builds the SessionFactory over the pool, without persistence.xml and without touching the schema. */
final class HibernateBootstrap {

    private HibernateBootstrap() {
    }

    static SessionFactory sessionFactory(DataSource dataSource, SqlDialect.Product product, boolean autoCommitOff) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
        // The database is already known, so Hibernate need not read JDBC metadata at start (faster cold start).
        settings.put("hibernate.boot.allow_jdbc_metadata_access", false);
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, product.name());
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, product.major());
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION, product.minor());
        settings.put(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, autoCommitOff);
        settings.put(AvailableSettings.IN_CLAUSE_PARAMETER_PADDING, true);
        settings.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, false);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings)
                // No runtime bytecode: the entities have no lazy association and are never loaded as references,
                // so they need no proxy classes, and plain reflection reads their few fields. Generating those
                // classes with ByteBuddy at every start (none of them fits in a class-data archive) was a tenth
                // of the time to the first answer.
                .addService(BytecodeProvider.class, new BytecodeProviderImpl())
                .build();
        try {
            return new MetadataSources(registry)
                    .addAnnotatedClass(MessageEntity.class)
                    .addAnnotatedClass(ConversationEntity.class)
                    .addAnnotatedClass(AccountEntity.class)
                    .addAnnotatedClass(FriendshipEntity.class)
                    .buildMetadata()
                    .buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }
}
