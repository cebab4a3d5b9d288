package io.friendchat.testkit.contract;

import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountHandle;
import io.friendchat.domain.account.AccountId;
import io.friendchat.domain.account.Accounts;
import io.friendchat.domain.account.Username;
import io.friendchat.domain.directory.AccountChanges;
import io.friendchat.domain.directory.AccountDraft;
import io.friendchat.domain.directory.Directory;
import io.friendchat.domain.directory.DirectoryConflict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the built-in account directory must do, read through {@link Accounts} and
 * written through {@link Directory}. Both factories name the same directory, which
 * may hold accounts of earlier tests: every test uses names and ids of its own.
 */
public abstract class DirectoryContract {

    protected Directory directory;
    protected Accounts accounts;
    private long block;

    /** The directory's write side; called before each test. */
    protected abstract Directory directoryUnderTest();

    /** The same directory's read side; called before each test. */
    protected abstract Accounts accountsUnderTest();

    @BeforeEach
    void freshNames() {
        directory = directoryUnderTest();
        accounts = accountsUnderTest();
        block = FreshIds.block();
    }

    @Test
    void aCreatedAccountKeepsEveryField() {
        Account created = directory.create(new AccountDraft(id(1), name("ayrei"), "Ayrei." + block + "@Example.com",
                "amu ferwe", "https://pictures.example/ayrei.png", true));

        Account expected = new Account(AccountId.of(id(1)), Username.of(name("ayrei")),
                "Ayrei." + block + "@Example.com", "amu ferwe", "https://pictures.example/ayrei.png", true);
        assertThat(created).isEqualTo(expected);
        assertThat(accounts.byId(AccountId.of(id(1)))).contains(expected);
        assertThat(directory.byUsername(Username.of(name("ayrei")))).contains(expected);
    }

    @Test
    void aMissingFullNameIsEmptyAndAMissingPictureStaysMissing() {
        Account created = directory.create(new AccountDraft(id(1), name("plain"), email("plain"), null, null, false));

        assertThat(created.fullName()).isEmpty();
        assertThat(created.picture()).isNull();
        assertThat(accounts.byId(created.id())).contains(created);
    }

    @Test
    void anAccountCreatedWithoutIdGetsOneAboveEveryIdInUse() {
        directory.create(draft(id(50), "high"));

        Account first = directory.create(draft(null, "first"));
        Account second = directory.create(draft(null, "second"));

        assertThat(first.id().value()).isGreaterThan(id(50));
        assertThat(second.id().value()).isGreaterThan(first.id().value());
        assertThat(accounts.byId(second.id())).contains(second);
    }

    @Test
    void aTakenIdIsAConflict() {
        directory.create(draft(id(1), "one"));

        assertThatThrownBy(() -> directory.create(draft(id(1), "two"))).isInstanceOf(DirectoryConflict.class);
        assertThat(directory.byUsername(Username.of(name("two")))).isEmpty();
    }

    @Test
    void aTakenUsernameIsAConflictButUsernamesAreCaseSensitive() {
        directory.create(draft(id(1), "Sam"));

        assertThatThrownBy(() -> directory.create(new AccountDraft(id(2), name("Sam"), email("other"), "", null,
                false))).isInstanceOf(DirectoryConflict.class);
        Account lower = directory.create(new AccountDraft(id(3), name("sam"), email("sam-lower"), "", null, false));
        assertThat(lower.username().value()).isEqualTo(name("sam"));
        assertThat(accounts.byId(AccountId.of(id(2)))).isEmpty();
    }

    @Test
    void anEmailTakenIgnoringCaseIsAConflict() {
        directory.create(new AccountDraft(id(1), name("first"), "Bo." + block + "@Example.com", "", null, false));

        assertThatThrownBy(() -> directory.create(new AccountDraft(id(2), name("second"),
                "bo." + block + "@EXAMPLE.COM", "", null, false))).isInstanceOf(DirectoryConflict.class);
        assertThat(accounts.byId(AccountId.of(id(2)))).isEmpty();
    }

    @Test
    void byIdsGivesTheAccountsThatExist() {
        Account one = directory.create(draft(id(1), "one"));
        Account two = directory.create(draft(id(2), "two"));

        Map<AccountId, Account> found = accounts.byIds(List.of(one.id(), AccountId.of(id(9)), two.id(), one.id()));

        assertThat(found).isEqualTo(Map.of(one.id(), one, two.id(), two));
        assertThat(accounts.byIds(List.of())).isEmpty();
        assertThat(accounts.byId(AccountId.of(id(9)))).isEmpty();
    }

    @Test
    void resolveMatchesAUsernameExactly() {
        Account zed = directory.create(draft(id(1), "Zed"));

        assertThat(accounts.resolve(AccountHandle.of(name("Zed")))).contains(zed);
        assertThat(accounts.resolve(AccountHandle.of(name("zed")))).isEmpty();
        assertThat(accounts.resolve(AccountHandle.of(name("Zed") + " "))).isEmpty();
    }

    @Test
    void resolveMatchesAnEmailIgnoringCase() {
        Account emile = directory.create(new AccountDraft(id(1), name("emile"), "Émile." + block + "@Example.COM",
                "", null, false));

        assertThat(accounts.resolve(AccountHandle.of("émile." + block + "@example.com"))).contains(emile);
        assertThat(accounts.resolve(AccountHandle.of("ÉMILE." + block + "@EXAMPLE.COM"))).contains(emile);
        assertThat(accounts.resolve(AccountHandle.of("emile." + block + "@example.com"))).isEmpty();
    }

    @Test
    void aUsernameWinsOverAnotherAccountsEmail() {
        String handle = "shared." + block + "@example.com";
        Account byEmail = directory.create(new AccountDraft(id(1), name("mailer"), handle.toUpperCase(Locale.ROOT), "", null,
                false));
        Account byName = directory.create(new AccountDraft(id(2), handle, email("named"), "", null, false));

        assertThat(accounts.resolve(AccountHandle.of(handle))).contains(byName);
        assertThat(accounts.resolve(AccountHandle.of(handle.toUpperCase(Locale.ROOT)))).contains(byEmail);
    }

    @Test
    void anUnknownUsernameFindsNothing() {
        assertThat(directory.byUsername(Username.of(name("nobody")))).isEmpty();
        assertThat(directory.update(Username.of(name("nobody")), new AccountChanges(null, "x", null, null))).isEmpty();
    }

    @Test
    void anUpdateChangesOnlyTheFieldsGiven() {
        directory.create(new AccountDraft(id(1), name("kim"), email("kim"), "Kim", "https://p.example/k.png", false));

        Account renamed = directory.update(Username.of(name("kim")), new AccountChanges(null, "Kim Lee", null, null))
                .orElseThrow();
        assertThat(renamed).isEqualTo(new Account(AccountId.of(id(1)), Username.of(name("kim")), email("kim"),
                "Kim Lee", "https://p.example/k.png", false));

        Account changed = directory.update(Username.of(name("kim")),
                new AccountChanges("Kim." + block + "@New.example", null, "https://p.example/k2.png", true))
                .orElseThrow();
        Account expected = new Account(AccountId.of(id(1)), Username.of(name("kim")), "Kim." + block + "@New.example",
                "Kim Lee", "https://p.example/k2.png", true);
        assertThat(changed).isEqualTo(expected);
        assertThat(accounts.byId(AccountId.of(id(1)))).contains(expected);
        assertThat(accounts.resolve(AccountHandle.of("kim." + block + "@new.example"))).contains(expected);
        assertThat(accounts.resolve(AccountHandle.of(email("kim")))).isEmpty();
    }

    @Test
    void anUpdateToAnEmailTakenIgnoringCaseIsAConflictButTheOwnEmailIsFine() {
        directory.create(draft(id(1), "lee"));
        directory.create(draft(id(2), "max"));

        assertThatThrownBy(() -> directory.update(Username.of(name("max")),
                new AccountChanges(email("lee").toUpperCase(Locale.ROOT), null, null, null)))
                .isInstanceOf(DirectoryConflict.class);
        assertThat(accounts.byId(AccountId.of(id(2))).orElseThrow().email()).isEqualTo(email("max"));

        Account same = directory.update(Username.of(name("max")),
                new AccountChanges(email("max").toUpperCase(Locale.ROOT), null, null, null)).orElseThrow();
        assertThat(same.email()).isEqualTo(email("max").toUpperCase(Locale.ROOT));
    }

    @Test
    void racingCreatesOfOneUsernameLetExactlyOneWin() throws InterruptedException {
        List<Concurrently.Outcome<Account>> outcomes = Concurrently.run(8, i -> () ->
                directory.create(new AccountDraft(id(10 + i), name("popular"), email("popular" + i), "", null, false)));

        assertThat(outcomes.stream().filter(outcome -> outcome.failure() == null)).hasSize(1);
        assertThat(outcomes.stream().filter(outcome -> outcome.failure() != null))
                .allSatisfy(outcome -> assertThat(outcome.failure()).isInstanceOf(DirectoryConflict.class));
        assertThat(directory.byUsername(Username.of(name("popular")))).isPresent();
    }

    @Test
    void racingCreatesWithoutIdAllGetIdsOfTheirOwn() throws InterruptedException {
        directory.create(draft(id(1), "seed"));

        List<Concurrently.Outcome<Account>> outcomes = Concurrently.run(8, i -> () ->
                directory.create(draft(null, "auto" + i)));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.failure()).isNull());
        Set<AccountId> ids = outcomes.stream().map(outcome -> outcome.value().id()).collect(Collectors.toSet());
        assertThat(ids).hasSize(8).allSatisfy(id -> assertThat(id.value()).isGreaterThan(id(1)));
        assertThat(accounts.byIds(ids)).hasSize(8);
    }

    /** An id of this test's own block. */
    protected long id(int k) {
        return block + FreshIds.OFFSET + k;
    }

    /** A username of this test's own. */
    protected String name(String name) {
        return name + "_" + block;
    }

    protected String email(String name) {
        return name + "." + block + "@example.com";
    }

    private AccountDraft draft(Long id, String name) {
        return new AccountDraft(id, name(name), email(name), "", null, false);
    }
}
