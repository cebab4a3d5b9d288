package io.friendchat.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in a real headless Chromium against the real server: two friends,
 * each in a browser of their own, one of them on a page served from another origin
 * (so every call goes through CORS). One sends; the other sees the message arrive
 * without a reload, first in the inbox with its unread count, then in the
 * conversation; the reply comes back the same way, with the typing indicator and
 * the read mark on the way. Ends with a screenshot of both windows.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ChatPageBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int WIDTH = 980;
    private static final int HEIGHT = 700;
    private static final String NEW_MESSAGE = "Also, the review moved to 10:30 tomorrow, room 4B.";
    private static final String REPLY = "Thanks for the heads-up! See you at 10:30.";

    @Test
    void twoFriendsChatLiveInTwoBrowsers(@TempDir Path dir) throws Exception {
        Browser.Installation chromium = Browser.installedOrSkip();
        // Nobody has a picture and the default one cannot load: the page shows initials.
        try (RunningServer server = RunningServer.start(Map.of("CHAT_DB_URL", "jdbc:h2:file:" + dir.resolve("chat"),
                "CHAT_DEFAULT_PICTURE", "http://127.0.0.1:1/avatar.jpg"));
             PageMirror mirror = PageMirror.start()) {
            long lina = server.createAccount("lina", "Lina Moreau");
            long sam = server.createAccount("sam", "Sam Okafor");
            long noor = server.createAccount("noor", "Noor Rahman");
            server.befriend("lina", "sam");
            server.befriend("noor", "sam");
            String linaToken = server.token(lina);
            String samToken = server.token(sam);
            send(server, server.token(noor), "sam", "Are we still on for climbing on Saturday?");
            send(server, linaToken, "sam", "Hey! Did you get the slides for Thursday's review?");
            send(server, samToken, "lina", "Yes, I just finished the last section.");
            send(server, linaToken, "sam", "Great, can you send them over tonight?");
            long latest = send(server, samToken, "lina", "Sure, right after dinner.");
            markRead(server, samToken, "lina", latest);
            markRead(server, linaToken, "sam", latest);

            String api = server.uri("/").toString().replaceAll("/$", "");
            try (Browser samBrowser = Browser.open(chromium, dir.resolve("sam-profile"), WIDTH, HEIGHT);
                 Browser linaBrowser = Browser.open(chromium, dir.resolve("lina-profile"), WIDTH, HEIGHT)) {
                WebDriver samPage = samBrowser.driver;
                WebDriver linaPage = linaBrowser.driver;
                // Sam on the chat server's own page; Lina on a copy served from another origin.
                samPage.get(api + "/#token=" + samToken);
                linaPage.get(mirror.origin() + "/?api=" + api + "#token=" + linaToken);
                assertThat(linaPage.getCurrentUrl()).startsWith(mirror.origin().toString())
                        .doesNotContain(linaToken);

                for (WebDriver page : List.of(samPage, linaPage)) {
                    await(page, "the socket is open", p -> "open".equals(
                            p.findElement(By.id("connection-status")).getAttribute("data-state")));
                }
                await(samPage, "Sam's inbox lists Lina and Noor", p -> inboxOrder(p).equals(List.of("lina", "noor")));
                assertThat(unread(samPage, "noor")).isEqualTo("1");
                assertThat(unread(samPage, "lina")).isNull();
                await(samPage, "Lina is shown online", p -> p.findElement(
                        By.cssSelector(".inbox-row[data-account='lina'] .presence-dot")).getAttribute("class")
                        .contains("online"));
                assertThat(samPage.findElement(By.id("signed-in-as")).getText()).isEqualTo("@sam");

                // Lina opens her conversation with Sam and sends.
                linaPage.findElement(By.cssSelector(".inbox-row[data-account='sam'] button")).click();
                await(linaPage, "Lina's conversation with Sam shows", p -> messageTexts(p).size() == 4);
                markNoReload(samPage);
                markNoReload(linaPage);
                linaPage.findElement(By.id("message-input")).sendKeys(NEW_MESSAGE);
                linaPage.findElement(By.id("send")).click();
                await(linaPage, "Lina sees her own message", p -> messageTexts(p).contains(NEW_MESSAGE));

                // Sam sees it arrive in the inbox, on top, counted unread, without a reload.
                await(samPage, "the message reaches Sam's inbox", p -> inboxOrder(p).get(0).equals("lina")
                        && "1".equals(unread(p, "lina")));
                assertThat(samPage.findElement(By.cssSelector(".inbox-row[data-account='lina'] .inbox-preview"))
                        .getText()).isEqualTo(NEW_MESSAGE);
                long sentId = latestId(server, samToken, "lina");

                samPage.findElement(By.cssSelector(".inbox-row[data-account='lina'] button")).click();
                await(samPage, "Sam's conversation shows the message", p -> p.findElements(By.cssSelector(
                        "#conversation[data-account='lina'] .message[data-id='" + sentId + "'] .message-text"))
                        .stream().anyMatch(text -> text.getText().equals(NEW_MESSAGE)));
                await(samPage, "opening the conversation marks it read", p -> unread(p, "lina") == null);
                await(linaPage, "Lina sees that Sam has read it", p -> !p.findElements(By.id("seen")).isEmpty());

                // Sam answers; Lina sees him typing, then the reply.
                samPage.findElement(By.id("message-input")).sendKeys(REPLY.substring(0, 10));
                await(linaPage, "Lina sees Sam typing", p -> p.findElement(By.id("typing")).isDisplayed()
                        && p.findElement(By.id("typing")).getText().equals("Sam Okafor is typing…"));
                samPage.findElement(By.id("message-input")).sendKeys(REPLY.substring(10));
                samPage.findElement(By.id("send")).click();
                await(linaPage, "the reply reaches Lina", p -> messageTexts(p).contains(REPLY));
                await(linaPage, "the typing indicator goes", p -> !p.findElement(By.id("typing")).isDisplayed());
                assertThat(messageTexts(linaPage)).endsWith(NEW_MESSAGE, REPLY);
                await(samPage, "Sam sees his reply", p -> messageTexts(p).contains(REPLY));

                for (WebDriver page : List.of(samPage, linaPage)) {
                    assertThat(((JavascriptExecutor) page).executeScript("return window.stillTheSamePage"))
                            .as("no reload").isEqualTo(Boolean.TRUE);
                    assertThat(page.findElement(By.id("error")).isDisplayed())
                            .as("error banner: " + page.findElement(By.id("error-text")).getText()).isFalse();
                }
                saveScreenshot(linaBrowser.screenshot(), samBrowser.screenshot());
            }
        }
    }

    private static long send(RunningServer server, String token, String to, String text) {
        RunningServer.Answer sent = server.sendMessage(token, to, text, null);
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        return sent.body().get("id").asLong();
    }

    private static void markRead(RunningServer server, String token, String friend, long upTo) {
        RunningServer.Answer read = server.send("POST", "/chat/read/", token,
                "{\"account\": \"" + friend + "\", \"up_to\": " + upTo + "}");
        assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
    }

    private static long latestId(RunningServer server, String token, String friend) {
        JsonNode data = server.get("/chat/conversation/?account=" + friend, token).body().get("data");
        return data.get(data.size() - 1).get("id").asLong();
    }

    private static void await(WebDriver page, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(page, PATIENCE).withMessage(what).until(condition::apply);
    }

    private static void markNoReload(WebDriver page) {
        ((JavascriptExecutor) page).executeScript("window.stillTheSamePage = true;");
    }

    private static List<String> inboxOrder(WebDriver page) {
        return page.findElements(By.cssSelector("#inbox .inbox-row")).stream()
                .map(row -> row.getAttribute("data-account")).toList();
    }

    /** The unread badge of a friend's inbox row, or null when it is hidden. */
    private static String unread(WebDriver page, String friend) {
        WebElement badge = page.findElement(By.cssSelector(".inbox-row[data-account='" + friend + "'] .unread"));
        return badge.isDisplayed() ? badge.getText() : null;
    }

    private static List<String> messageTexts(WebDriver page) {
        return page.findElements(By.cssSelector("#conversation .message .message-text")).stream()
                .map(WebElement::getText).toList();
    }

    /**
     * Both windows side by side, in target/ always, and also where {@code -Dchat.screenshot=PATH}
     * says (how docs/screenshot.png is made: a normal run leaves the source tree alone).
     */
    private static void saveScreenshot(byte[] left, byte[] right) throws IOException {
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(left));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(right));
        int gap = 16;
        BufferedImage both = new BufferedImage(a.getWidth() + gap + b.getWidth(), Math.max(a.getHeight(),
                b.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D canvas = both.createGraphics();
        canvas.setColor(new Color(0x9a, 0xa5, 0xb1));
        canvas.fillRect(0, 0, both.getWidth(), both.getHeight());
        canvas.drawImage(a, 0, 0, null);
        canvas.drawImage(b, a.getWidth() + gap, 0, null);
        canvas.dispose();
        Path target = Path.of("target", "browser", "chat-page.png");
        Files.createDirectories(target.getParent());
        ImageIO.write(both, "png", target.toFile());
        String wanted = System.getProperty("chat.screenshot");
        if (wanted != null && !wanted.isBlank()) {
            Path copy = Path.of(wanted);
            if (copy.getParent() != null) {
                Files.createDirectories(copy.getParent());
            }
            Files.copy(target, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
