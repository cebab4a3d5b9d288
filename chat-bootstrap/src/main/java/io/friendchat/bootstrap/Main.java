package io.friendchat.bootstrap;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The standalone server's command line:
 * {@code java -jar chat-server.jar [--demo] [--port 9003 ...]} serves, and
 * {@code java -jar chat-server.jar token <username> [--ttl SECONDS] [--two-factor-verified]}
 * prints an access token.
 */
public final class Main {

    private Main() {
    }

    /** What {@link #run} returns while the server it started is serving. */
    static final int SERVING = -1;

    public static void main(String[] args) throws InterruptedException {
        Logs.configure();
        int status = run(Arrays.asList(args), System.getenv(), System.out, System.err);
        if (status == SERVING) {
            // Serve until the JVM is asked to stop; the shutdown hook closes the server gracefully.
            new java.util.concurrent.CountDownLatch(1).await();
        } else if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one command: {@link #SERVING}, 0 when a command succeeded, else the exit status. */
    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        return run(args, environment, out, err, Main::atJvmStop);
    }

    /**
     * As {@link #run(List, Map, PrintStream, PrintStream)}; {@code atStop} is handed the listening server's
     * graceful stop, to run when the process is asked to stop. A stop asked for while the demo still provisions
     * closes the database under it: that start then ends as a stop (0), not as a database failure.
     */
    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err,
                   Consumer<Runnable> atStop) {
        AtomicBoolean stopping = new AtomicBoolean();
        try {
            if (args.contains("--help") || args.contains("-h")) {
                out.print(Usage.TEXT);
                return 0;
            }
            if (!args.isEmpty() && args.get(0).equals("token")) {
                return TokenCommand.run(args.subList(1, args.size()), environment, out);
            }
            List<String> flags = new ArrayList<>(args);
            boolean demo = flags.remove("--demo");
            ServerConfig config = ServerConfig.load(environment, flags, demo);
            StandaloneServer.start(config, out, server -> atStop.accept(() -> {
                stopping.set(true);
                StandaloneServer.stop(server);
            }));
            return SERVING;
        } catch (ConfigProblem e) {
            err.println("friendchat: " + e.getMessage());
            return 2;
        } catch (RuntimeException | LinkageError e) {
            if (stopping.get()) {
                return 0;
            }
            err.println("friendchat: " + Problems.describe(e));
            return 1;
        }
    }

    private static void atJvmStop(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "chat-shutdown"));
    }
}
