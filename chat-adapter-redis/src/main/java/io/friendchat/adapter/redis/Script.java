package io.friendchat.adapter.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A Lua script run by its digest, and sent whole only when Redis does not know it (first use, or after a restart). */
final class Script {

    private final String text;
    private final String sha;
    private final ScriptOutputType output;

    Script(String text, ScriptOutputType output) {
        this.text = text;
        this.output = output;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            this.sha = HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    <T> CompletableFuture<T> run(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        CompletableFuture<T> bySha = redis.<T>evalsha(sha, output, keys, args).toCompletableFuture();
        return bySha.handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(text, output, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(next -> next);
    }
}
