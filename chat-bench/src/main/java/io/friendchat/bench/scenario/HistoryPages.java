package io.friendchat.bench.scenario;

import io.friendchat.adapter.persistence.BulkLoader;
import io.friendchat.adapter.persistence.ChatDatabase;
import io.friendchat.application.ChatUseCases;
import io.friendchat.application.conversation.ReadConversation;
import io.friendchat.bench.Flags;
import io.friendchat.bench.LoadAverage;
import io.friendchat.bench.Machine;
import io.friendchat.bench.Profile;
import io.friendchat.bench.client.ChatClient;
import io.friendchat.bench.client.FriendPairs;
import io.friendchat.bench.client.Provisioning;
import io.friendchat.bench.client.ServerUnderTest;
import io.friendchat.bench.report.Figures;
import io.friendchat.domain.account.Account;
import io.friendchat.domain.account.AccountId;
import org.HdrHistogram.Histogram;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Scenario 4, history: a conversation of a million messages and an inbox of a
 * thousand partners, loaded through the store's bulk path; the server time of the
 * latest page, of a page deep in the past and of the inbox, measured around the
 * use case in-process, and over HTTP next to the baseline's GET.
 */
public final class HistoryPages {

    private static final int CHUNK = BulkLoader.PER_TRANSACTION;
    private static final double TARGET_PAGE_MICROS = 2_000;
    private static final double TARGET_INBOX_MICROS = 20_000;
    /** The short conversation is this many times shorter than the long one. */
    private static final int SHORTER = 10;
    private static final int GREETING_THREADS = 4;

    private final Flags flags;

    public HistoryPages(Flags flags) {
        this.flags = flags;
    }

    /** One measured read: the same call timed in-process and over HTTP. */
    private record Read(String name, Histogram inProcess, Histogram http, String detail, String jfr) {
    }

    public String run(BaselineFigures baseline) throws Exception {
        double loadBefore = LoadAverage.now();
        int messages = flags.integer("messages", 100_000);
        int shortMessages = Math.max(1, messages / SHORTER);
        int partners = Math.max(1, flags.integer("partners", 1_000));
        int page = flags.integer("page", 50);
        int samples = flags.integer("history-samples", 200);
        String command = "`./bench history --messages " + messages + " --partners " + partners + " --page " + page
                + " --history-samples " + samples + "` — " + Machine.stamp();
        // H2 answers a repeated query from its last result until any table changes; a chat server's
        // tables change all the time, so the reads are timed as they run then, not from that cache.
        try (ServerUnderTest server = ServerUnderTest.start(flags, ";OPTIMIZE_REUSE_RESULTS=FALSE");
             ChatClient client = new ChatClient(server.base(), server.jwtSecret())) {
            if (server.inProcess().isEmpty() || server.database().isEmpty()) {
                return "## 4. history\n\nSkipped: the history scenario loads its data through the store's bulk path, "
                        + "so it needs the in-process server (run it without --target).\n";
            }
            String tag = "hist-" + FriendPairs.runTag();
            String owner = tag + "-owner";
            String deep = tag + "-deep";
            List<String> names = new ArrayList<>(List.of(owner, deep));
            IntStream.range(0, partners).mapToObj(i -> tag + "-p" + i).forEach(names::add);
            Provisioning provisioning = new Provisioning(client, server.adminToken());
            System.out.println("history: provisioning " + names.size() + " accounts and their friendships");
            List<Long> ids = provisioning.createAccounts(names);
            provisioning.befriend(Collections.nCopies(names.size() - 1, owner), names.subList(1, names.size()));

            System.out.println("history: bulk-loading " + messages + " + " + shortMessages + " messages and "
                    + partners + " conversations");
            long deepBefore;
            long shortBefore;
            double loadSeconds;
            // A second pool and Hibernate over the same database, in this JVM, for the bulk path only.
            try (ChatDatabase database = ChatDatabase.open(server.database().get())) {
                long loadStart = System.nanoTime();
                BulkLoader loader = database.bulkLoader();
                AccountId ownerId = AccountId.of(ids.get(0));
                deepBefore = loadConversation(loader, ownerId, AccountId.of(ids.get(1)), messages);
                // The first partner's conversation is the short one: the same pages, a tenth of the length.
                shortBefore = loadConversation(loader, ownerId, AccountId.of(ids.get(2)), shortMessages);
                System.out.printf("history: %d + %d messages loaded in %.1f s; now one message to each other "
                        + "partner%n", messages, shortMessages, (System.nanoTime() - loadStart) / 1e9);
                greetPartners(loader, ownerId, ids.subList(3, ids.size()));
                loader.refreshStatistics();
                loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            }
            String shortPartner = names.get(2);

            ChatUseCases useCases = server.inProcess().get().chat().useCases();
            Account caller = useCases.manageAccounts().orElseThrow().find(owner).orElseThrow();
            String token = client.token(ids.get(0));
            List<Read> reads = new ArrayList<>();
            reads.add(page("latest page (`limit=" + page + "`)", messages, caller, deep, page, null, samples,
                    useCases, client, token));
            reads.add(page("page deep in the past (`limit=" + page + "&before=" + deepBefore + "`)", messages, caller,
                    deep, page, deepBefore, samples, useCases, client, token));
            reads.add(page("latest page (`limit=" + page + "`)", shortMessages, caller, shortPartner, page, null,
                    samples, useCases, client, token));
            reads.add(page("page deep in the past (`limit=" + page + "&before=" + shortBefore + "`)", shortMessages,
                    caller, shortPartner, page, shortBefore, samples, useCases, client, token));
            // A thousand-partner inbox costs tens of milliseconds a call: a quarter of the samples.
            reads.add(measure("inbox (`/chat/list-conversation/`, " + (partners + 1) + " conversations)",
                    Math.max(20, samples / 4),
                    () -> useCases.listConversations().list(caller).size(),
                    client, client.get("chat/list-conversation/", token), "history-inbox"));
            reads.add(measure("latest page without `limit` (CHAT_HISTORY_LIMIT, 1,000 messages), "
                            + Figures.count(messages) + "-message conversation",
                    Math.max(20, samples / 5),
                    () -> useCases.readConversation().read(new ReadConversation.Query(caller, deep, null, null))
                            .page().messages().size(),
                    client, client.get("chat/conversation/?account=" + deep, token)));
            return markdown(command, messages, shortMessages, partners, loadSeconds, reads, baseline, loadBefore);
        }
    }

    /**
     * Loads a conversation of {@code messages} (alternating directions by chunk); returns the id of a message
     * about half a chunk after its start (5,000 messages in, or the middle when it is shorter than a chunk).
     */
    private static long loadConversation(BulkLoader loader, AccountId owner, AccountId partner, int messages) {
        Instant sentAt = Instant.now();
        long firstChunkLast = 0;
        for (int from = 0; from < messages; from += CHUNK) {
            int size = Math.min(CHUNK, messages - from);
            boolean fromPartner = (from / CHUNK) % 2 == 0;
            int offset = from;
            long last = loader.insertMessages(fromPartner ? partner : owner, fromPartner ? owner : partner, size,
                    i -> "history message " + (offset + i), sentAt);
            if (from == 0) {
                firstChunkLast = last;
            }
        }
        return Math.max(1, firstChunkLast - Math.min(CHUNK, messages) / 2);
    }

    /**
     * One message from the owner to each partner, a transaction each, on a few threads: each locks its own
     * receiver's mailbox, so they do not wait for one another there.
     */
    private static void greetPartners(BulkLoader loader, AccountId owner, List<Long> partners)
            throws InterruptedException, ExecutionException {
        Instant sentAt = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(GREETING_THREADS);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (Long partner : partners) {
                done.add(pool.submit(() -> loader.insertMessages(owner, AccountId.of(partner), 1,
                        i -> "hello, partner", sentAt)));
            }
            for (Future<Long> greeting : done) {
                greeting.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A page of the conversation with {@code partner} ({@code length} messages long), timed both ways. */
    private Read page(String name, int length, Account caller, String partner, int limit, Long before, int samples,
                      ChatUseCases useCases, ChatClient client, String token) {
        String query = "chat/conversation/?account=" + partner + "&limit=" + limit
                + (before == null ? "" : "&before=" + before);
        return measure(name + ", " + Figures.count(length) + "-message conversation", samples,
                () -> useCases.readConversation().read(new ReadConversation.Query(caller, partner, limit, before))
                        .page().messages().size(),
                client, client.get(query, token));
    }

    private Read measure(String name, int samples, Supplier<Integer> inProcess, ChatClient client,
                         HttpRequest request) {
        return measure(name, samples, inProcess, client, request, null);
    }

    /** Times the call in-process, then over HTTP; {@code profile} names a JFR recording of the in-process part. */
    private Read measure(String name, int samples, Supplier<Integer> inProcess, ChatClient client,
                         HttpRequest request, String profile) {
        System.out.println("history: " + name);
        int size = 0;
        // Warm by time as well as by count: a call of tens of milliseconds is still interpreted or
        // compiled by C1 after a few dozen calls, and the HTTP timings below come after all of these.
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(flags.integer("warmup", 2));
        for (int i = 0; i < Math.max(20, samples / 2) || System.nanoTime() < warmUntil; i++) {
            size = inProcess.get();
        }
        Histogram direct = Figures.micros();
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            inProcess.get();
            direct.recordValue((System.nanoTime() - start) / 1000);
        }
        // Profiled in a pass of its own: under the recording the inbox took 30 times as long (40 ms against 1.3 ms).
        String jfr = "";
        if (profile != null) {
            Profile recording = Profile.start(flags, profile);
            if (recording != null) {
                for (int i = 0; i < samples; i++) {
                    inProcess.get();
                }
                jfr = recording.stopAndSummarize();
            }
        }
        Histogram http = Figures.micros();
        int status = 0;
        for (int i = 0; i < samples + 20; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = client.call(request);
            long micros = (System.nanoTime() - start) / 1000;
            status = answer.statusCode();
            if (i >= 20) {
                http.recordValue(micros);
            }
        }
        return new Read(name, direct, http, size + " rows, HTTP " + status, jfr);
    }

    private String markdown(String command, int messages, int shortMessages, int partners, double loadSeconds,
                            List<Read> reads, BaselineFigures baseline, double loadBefore) {
        double baseGet = baseline.get().getValueAtPercentile(50);
        StringBuilder out = new StringBuilder();
        out.append("## 4. history — pages of a long conversation, a large inbox\n\n");
        out.append(command).append(", load average ").append(Figures.load(loadBefore, LoadAverage.now()))
                .append("\n\n");
        out.append("A conversation of ").append(Figures.count(messages)).append(" messages, one of ")
                .append(Figures.count(shortMessages)).append(" (the same pages, a tenth of the length: what grows "
                        + "with the conversation shows as a difference between the two), and an account with ")
                .append(Figures.count(partners + 1)).append(" partners, loaded with `ChatDatabase.bulkLoader()` "
                        + "(JDBC batches, ids from the same IDENTITY column as every send) in ")
                .append(String.format("%.1f s", loadSeconds)).append(" (")
                .append(Figures.rate((messages + shortMessages + partners) / loadSeconds)).append("); accounts and friendships "
                        + "through the admin API; H2 runs with `OPTIMIZE_REUSE_RESULTS=FALSE`, so that no read is "
                        + "answered from the previous identical one's result, as in a server whose tables change "
                        + "with every send. **Server time** is measured around the use case in this JVM "
                        + "(`ReadConversation.read`, `ListConversations.list`: the store's queries, the directory "
                        + "and presence lookups); the HTTP column is the whole round trip from the same client, "
                        + "and HTTP − baseline subtracts the no-op GET's p50 (")
                .append(Figures.ms(baseGet)).append(").\n\n");
        out.append("| read | server time p50 | p99 | max | HTTP p50 | HTTP − baseline | ratio to baseline GET | rows |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Read read : reads) {
            double httpP50 = read.http().getValueAtPercentile(50);
            out.append("| ").append(read.name()).append(" | **").append(Figures.percentile(read.inProcess(), 50))
                    .append("** | ").append(Figures.percentile(read.inProcess(), 99)).append(" | ")
                    .append(Figures.ms(read.inProcess().getMaxValue())).append(" | ")
                    .append(Figures.ms(httpP50)).append(" | ").append(Figures.ms(Math.max(0, httpP50 - baseGet)))
                    .append(" | ").append(Figures.ratio(httpP50, baseGet)).append(" | ").append(read.detail())
                    .append(" |\n");
        }
        double latest = reads.get(0).inProcess().getValueAtPercentile(50);
        double deepPage = reads.get(1).inProcess().getValueAtPercentile(50);
        double latestShort = reads.get(2).inProcess().getValueAtPercentile(50);
        double deepShort = reads.get(3).inProcess().getValueAtPercentile(50);
        double inbox = reads.get(4).inProcess().getValueAtPercentile(50);
        out.append("\nThe ").append(Figures.count(messages)).append("-message conversation against the ")
                .append(Figures.count(shortMessages)).append("-message one (server time p50): latest page ")
                .append(Figures.ratio(latest, latestShort)).append(", deep page ")
                .append(Figures.ratio(deepPage, deepShort)).append(" (1× = not growing with the conversation).\n");
        out.append("\nTargets (server time, p50, ").append(Figures.count(messages))
                .append(" messages): latest page ≤ 2 ms **").append(Figures.verdict(
                        latest <= TARGET_PAGE_MICROS)).append("**, deep page ≤ 2 ms **")
                .append(Figures.verdict(deepPage <= TARGET_PAGE_MICROS)).append("**, inbox of ")
                .append(Figures.count(partners)).append(" partners ≤ 20 ms **")
                .append(Figures.verdict(inbox <= TARGET_INBOX_MICROS)).append("**")
                .append(messages < 1_000_000 ? " (issue 8 asks for 1,000,000 messages: `--messages 1000000`)" : "")
                .append(".\n\n");
        for (Read read : reads) {
            if (!read.jfr().isEmpty()) {
                out.append("After timing the ").append(read.name().replaceAll(" \\(.*", ""))
                        .append(", the same in-process calls again under ").append(read.jfr());
            }
        }
        return out.toString();
    }
}
