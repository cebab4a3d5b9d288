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

    private final Flags flags;

    public HistoryPages(Flags flags) {
        this.flags = flags;
    }

    /** One measured read: the same call timed in-process and over HTTP. */
    private record Read(String name, Histogram inProcess, Histogram http, String detail, String jfr) {
    }

    public String run(BaselineFigures baseline) throws Exception {
        double loadBefore = LoadAverage.now();
        int messages = flags.integer("messages", 200_000);
        int partners = flags.integer("partners", 1_000);
        int page = flags.integer("page", 50);
        int samples = flags.integer("history-samples", 300);
        String command = "`./bench history --messages " + messages + " --partners " + partners + " --page " + page
                + " --history-samples " + samples + "` — " + Machine.now();
        try (ServerUnderTest server = ServerUnderTest.start(flags);
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

            System.out.println("history: bulk-loading " + messages + " messages and " + partners + " conversations");
            long deepBefore;
            double loadSeconds;
            // A second pool and Hibernate over the same database, in this JVM, for the bulk path only.
            try (ChatDatabase database = ChatDatabase.open(server.database().get())) {
                long loadStart = System.nanoTime();
                deepBefore = load(database.bulkLoader(), AccountId.of(ids.get(0)), AccountId.of(ids.get(1)),
                        ids.subList(2, ids.size()), messages);
                loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            }

            ChatUseCases useCases = server.inProcess().get().chat().useCases();
            Account caller = useCases.manageAccounts().orElseThrow().find(owner).orElseThrow();
            String token = client.token(ids.get(0));
            List<Read> reads = new ArrayList<>();
            reads.add(measure("latest page (`limit=" + page + "`)", samples,
                    () -> useCases.readConversation().read(new ReadConversation.Query(caller, deep, page, null))
                            .page().messages().size(),
                    client, client.get("chat/conversation/?account=" + deep + "&limit=" + page, token)));
            reads.add(measure("page deep in the past (`limit=" + page + "&before=" + deepBefore + "`)", samples,
                    () -> useCases.readConversation().read(new ReadConversation.Query(caller, deep, page, deepBefore))
                            .page().messages().size(),
                    client, client.get("chat/conversation/?account=" + deep + "&limit=" + page + "&before="
                            + deepBefore, token)));
            reads.add(measure("inbox (`/chat/list-conversation/`, " + (partners + 1) + " conversations)", samples,
                    () -> useCases.listConversations().list(caller).size(),
                    client, client.get("chat/list-conversation/", token), "history-inbox"));
            reads.add(measure("latest page without `limit` (CHAT_HISTORY_LIMIT, 1,000 messages)",
                    Math.max(20, samples / 5),
                    () -> useCases.readConversation().read(new ReadConversation.Query(caller, deep, null, null))
                            .page().messages().size(),
                    client, client.get("chat/conversation/?account=" + deep, token)));
            return markdown(command, messages, partners, loadSeconds, reads, baseline, loadBefore);
        }
    }

    /** Loads the deep conversation (alternating directions by chunk) and one message per partner; returns an id near its start. */
    private static long load(BulkLoader loader, AccountId owner, AccountId deep, List<Long> partners, int messages) {
        Instant sentAt = Instant.now();
        long firstChunkLast = 0;
        for (int from = 0; from < messages; from += CHUNK) {
            int size = Math.min(CHUNK, messages - from);
            boolean fromDeep = (from / CHUNK) % 2 == 0;
            int offset = from;
            long last = loader.insertMessages(fromDeep ? deep : owner, fromDeep ? owner : deep, size,
                    i -> "history message " + (offset + i), sentAt);
            if (from == 0) {
                firstChunkLast = last;
            }
        }
        for (Long partner : partners) {
            loader.insertMessages(AccountId.of(partner), owner, 1, i -> "hello from a partner", sentAt);
        }
        return Math.max(1, firstChunkLast - Math.min(CHUNK, messages) / 2);
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
        for (int i = 0; i < Math.max(50, samples / 2); i++) {
            size = inProcess.get();
        }
        Histogram direct = Figures.micros();
        Profile recording = profile == null ? null : Profile.start(flags, profile);
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            inProcess.get();
            direct.recordValue((System.nanoTime() - start) / 1000);
        }
        String jfr = recording == null ? "" : recording.stopAndSummarize();
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

    private String markdown(String command, int messages, int partners, double loadSeconds, List<Read> reads,
                            BaselineFigures baseline, double loadBefore) {
        double baseGet = baseline.get().getValueAtPercentile(50);
        StringBuilder out = new StringBuilder();
        out.append("## 4. history — pages of a long conversation, a large inbox\n\n");
        out.append(command).append(", load average ").append(Figures.load(loadBefore, LoadAverage.now()))
                .append("\n\n");
        out.append("A conversation of ").append(Figures.count(messages)).append(" messages and an account with ")
                .append(Figures.count(partners + 1)).append(" partners, loaded with `ChatDatabase.bulkLoader()` "
                        + "(JDBC batches, ids from the same IDENTITY column as every send) in ")
                .append(String.format("%.1f s", loadSeconds)).append(" (")
                .append(Figures.rate((messages + partners) / loadSeconds)).append("); accounts and friendships "
                        + "through the admin API. **Server time** is measured around the use case in this JVM "
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
        double inbox = reads.get(2).inProcess().getValueAtPercentile(50);
        out.append("\nTargets (server time, p50): latest page ≤ 2 ms **").append(Figures.verdict(
                        latest <= TARGET_PAGE_MICROS)).append("**, deep page ≤ 2 ms **")
                .append(Figures.verdict(deepPage <= TARGET_PAGE_MICROS)).append("**, inbox of ")
                .append(Figures.count(partners)).append(" partners ≤ 20 ms **")
                .append(Figures.verdict(inbox <= TARGET_INBOX_MICROS)).append("**.\n\n");
        for (Read read : reads) {
            if (!read.jfr().isEmpty()) {
                out.append("While timing the ").append(read.name().replaceAll(" \\(.*", "")).append(" in-process, ")
                        .append(read.jfr());
            }
        }
        return out.toString();
    }
}
