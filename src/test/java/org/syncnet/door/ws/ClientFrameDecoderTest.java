package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.ModeChange;

class ClientFrameDecoderTest {
    private final ClientFrameDecoder decoder = new ClientFrameDecoder();

    private ClientFrame ok(String json) {
        try {
            return decoder.decode(json);
        } catch (ProtocolException e) {
            throw new AssertionError(json + " refused: " + e.code() + " " + e.getMessage(), e);
        }
    }

    private ErrorCode refused(String json) {
        return refusal(json).code();
    }

    private ProtocolException refusal(String json) {
        return assertThrows(ProtocolException.class, () -> decoder.decode(json), json);
    }

    @Test
    void hello() {
        assertEquals(new ClientFrame.Hello("alice", OptionalLong.empty(), ""), ok("{\"type\":\"hello\",\"nick\":\"alice\"}"));
        assertEquals(new ClientFrame.Hello("a[1]", OptionalLong.of(9_007_199_254_740_993L), "k-1"),
                ok("{\"type\":\"hello\",\"nick\":\"a[1]\",\"resumeFrom\":9007199254740993,\"session\":\"k-1\"}"));
        assertEquals(new ClientFrame.Hello("bob", OptionalLong.of(0), ""),
                ok(" {\"nick\":\"bob\", \"resumeFrom\": 0, \"type\":\"hello\"} "));
    }

    @Test
    void helloSaysTheProtocolVersionOneToFive() {
        assertEquals(1, ((ClientFrame.Hello) ok("{\"type\":\"hello\",\"nick\":\"a\"}")).version());
        assertEquals(1, ((ClientFrame.Hello) ok("{\"type\":\"hello\",\"nick\":\"a\",\"version\":1}")).version());
        assertEquals(new ClientFrame.Hello("a", OptionalLong.empty(), "", 2),
                ok("{\"type\":\"hello\",\"nick\":\"a\",\"version\":2}"));
        assertEquals(3, ((ClientFrame.Hello) ok("{\"type\":\"hello\",\"nick\":\"a\",\"version\":3}")).version());
        assertEquals(4, ((ClientFrame.Hello) ok("{\"type\":\"hello\",\"nick\":\"a\",\"version\":4}")).version());
        assertEquals(5, ((ClientFrame.Hello) ok("{\"type\":\"hello\",\"nick\":\"a\",\"version\":5}")).version());
        for (String bad : new String[] {"0", "6", "-1", "1.5", "\"2\"", "null", "true", "99999999999999999999999"}) {
            assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"hello\",\"nick\":\"a\",\"version\":" + bad + "}"),
                    bad);
        }
    }

    @Test
    void joinPartMessage() {
        assertEquals(new ClientFrame.Join("#lobby"), ok("{\"type\":\"join\",\"room\":\"#lobby\"}"));
        assertEquals(new ClientFrame.Join("#lobby", OptionalLong.of(17)),
                ok("{\"type\":\"join\",\"room\":\"#lobby\",\"resumeFrom\":17}"));
        assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"join\",\"room\":\"#lobby\",\"resumeFrom\":-17}"));
        assertEquals(new ClientFrame.Part("#lobby", ""), ok("{\"type\":\"part\",\"room\":\"#lobby\"}"));
        assertEquals(new ClientFrame.Part("#日本", "bye"), ok("{\"type\":\"part\",\"room\":\"#\\u65e5\\u672c\",\"reason\":\"bye\"}"));
        assertEquals(new ClientFrame.Message("c-1", "#lobby", "hi \"there\" 😀"),
                ok("{\"type\":\"message\",\"id\":\"c-1\",\"room\":\"#lobby\",\"text\":\"hi \\\"there\\\" \\ud83d\\ude00\"}"));
    }

    @Test
    void aJoinMayOfferAKey() {
        assertEquals(new ClientFrame.Join("#a", OptionalLong.empty(), "s3cret"),
                ok("{\"type\":\"join\",\"room\":\"#a\",\"key\":\"s3cret\"}"));
        assertEquals(new ClientFrame.Join("#a", OptionalLong.of(5), "k"),
                ok("{\"type\":\"join\",\"room\":\"#a\",\"resumeFrom\":5,\"key\":\"k\"}"));
        assertEquals(new ClientFrame.Join("#a"), ok("{\"type\":\"join\",\"room\":\"#a\",\"key\":\"\"}"), "empty: none");
        for (String bad : new String[] {"\"a b\"", "\"a,b\"", "\"a:b\"", "\"" + "k".repeat(24) + "\"", "\"a\\u0007\"", "5",
                "null"}) {
            ProtocolException e = refusal("{\"type\":\"join\",\"room\":\"#a\",\"key\":" + bad + "}");
            assertEquals(ErrorCode.BAD_FIELD, e.code(), bad);
            assertEquals("#a", e.room(), "the refusal names the room");
        }
    }

    @Test
    void topic() {
        assertEquals(new ClientFrame.Topic("#a", "news of the day"),
                ok("{\"type\":\"topic\",\"room\":\"#a\",\"topic\":\"news of the day\"}"));
        assertEquals(new ClientFrame.Topic("#a", ""), ok("{\"type\":\"topic\",\"room\":\"#a\",\"topic\":\"\"}"),
                "empty: clears it");
        assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"topic\",\"room\":\"#a\"}"));
        assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"topic\",\"room\":\"#a\",\"topic\":null}"));
        assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"topic\",\"room\":\"#a\",\"topic\":\"\",\"by\":\"x\"}"));
        assertEquals(ErrorCode.BAD_ROOM, refused("{\"type\":\"topic\",\"room\":\"a\",\"topic\":\"x\"}"));
        ProtocolException twoLines = refusal("{\"type\":\"topic\",\"room\":\"#a\",\"topic\":\"a\\nb\"}");
        assertEquals(ErrorCode.BAD_TEXT, twoLines.code());
        assertEquals("#a", twoLines.room());
        assertEquals(ErrorCode.BAD_TEXT, refused("{\"type\":\"topic\",\"room\":\"#a\",\"topic\":\"" + "x".repeat(301)
                + "\"}"));
    }

    @Test
    void modeCarriesOneToFourChanges() {
        assertEquals(new ClientFrame.Mode("#a", List.of(new ModeChange(true, 'o', "bob"))),
                ok("{\"type\":\"mode\",\"room\":\"#a\",\"changes\":[{\"set\":true,\"mode\":\"o\",\"arg\":\"bob\"}]}"));
        assertEquals(new ClientFrame.Mode("#a", List.of(new ModeChange(true, 'm'), new ModeChange(false, 'k', ""),
                        new ModeChange(true, 'b', "*!*@host"), new ModeChange(true, 'l', "10"))),
                ok("{\"type\":\"mode\",\"room\":\"#a\",\"changes\":[{\"set\":true,\"mode\":\"m\"},"
                        + "{\"mode\":\"k\",\"set\":false},{\"set\":true,\"mode\":\"b\",\"arg\":\"*!*@host\"},"
                        + "{\"set\":true,\"mode\":\"l\",\"arg\":\"10\"}]}"));
        assertEquals(new ClientFrame.Mode("#a", List.of(new ModeChange(true, 'q'))),
                ok("{\"type\":\"mode\",\"room\":\"#a\",\"changes\":[{\"set\":true,\"mode\":\"q\"}]}"),
                "an unknown letter is the chat state's to refuse, for both doors alike");
        assertEquals(new ClientFrame.Mode("#a", List.of(new ModeChange(true, 'l', "ten"))),
                ok("{\"type\":\"mode\",\"room\":\"#a\",\"changes\":[{\"set\":true,\"mode\":\"l\",\"arg\":\"ten\"}]}"),
                "so is an argument the letter cannot take");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "BAD_FIELD             | ''",
            "BAD_FIELD             | ',\"changes\":[]'",
            "BAD_FIELD             | ',\"changes\":{}'",
            "BAD_FIELD             | ',\"changes\":\"+m\"'",
            "BAD_FIELD             | ',\"changes\":[{\"set\":true,\"mode\":\"m\"},{\"set\":true,\"mode\":\"i\"},"
                    + "{\"set\":true,\"mode\":\"n\"},{\"set\":true,\"mode\":\"t\"},{\"set\":true,\"mode\":\"s\"}]'",
            "BAD_FIELD             | ',\"changes\":[\"m\"]'",
            "BAD_FIELD             | ',\"changes\":[null]'",
            "BAD_FIELD             | ',\"changes\":[{\"mode\":\"m\"}]'",
            "BAD_FIELD             | ',\"changes\":[{\"set\":\"true\",\"mode\":\"m\"}]'",
            "BAD_FIELD             | ',\"changes\":[{\"set\":1,\"mode\":\"m\"}]'",
            "BAD_FIELD             | ',\"changes\":[{\"set\":true}]'",
            "BAD_FIELD             | ',\"changes\":[{\"set\":true,\"mode\":\"\"}]'",
            "BAD_FIELD             | ',\"changes\":[{\"set\":true,\"mode\":\"ov\"}]'",
            "BAD_FIELD             | ',\"changes\":[{\"set\":true,\"mode\":111}]'",
            "BAD_FIELD             | ',\"changes\":[{\"set\":true,\"mode\":\"o\",\"arg\":7}]'",
            "BAD_FIELD             | ',\"changes\":[{\"set\":true,\"mode\":\"o\",\"arg\":\"bob\",\"by\":\"x\"}]'",
            "UNKNOWN_MODE          | ',\"changes\":[{\"set\":true,\"mode\":\"@\"}]'",
            "UNKNOWN_MODE          | ',\"changes\":[{\"set\":true,\"mode\":\"1\"}]'",
            "UNKNOWN_MODE          | ',\"changes\":[{\"set\":true,\"mode\":\"\\u00e9\"}]'",
            "INVALID_MODE_ARGUMENT | ',\"changes\":[{\"set\":true,\"mode\":\"k\",\"arg\":\"a b\"}]'",
            "INVALID_MODE_ARGUMENT | ',\"changes\":[{\"set\":true,\"mode\":\"b\",\"arg\":\"a\\tb\"}]'",
    })
    void badModeFramesNameTheRoom(ErrorCode expected, String fields) {
        ProtocolException e = refusal("{\"type\":\"mode\",\"room\":\"#a\"" + fields + "}");
        assertEquals(expected, e.code(), e.getMessage());
        assertEquals("#a", e.room());
    }

    @Test
    void aModeArgumentOverAHundredCharactersIsRefused() {
        String arg = "x".repeat(ChatLimits.MAX_MASK_CHARS + 1);
        assertEquals(ErrorCode.INVALID_MODE_ARGUMENT, refused("{\"type\":\"mode\",\"room\":\"#a\",\"changes\":"
                + "[{\"set\":true,\"mode\":\"b\",\"arg\":\"" + arg + "\"}]}"));
        assertEquals(ErrorCode.BAD_ROOM, refused("{\"type\":\"mode\",\"room\":\"a\",\"changes\":"
                + "[{\"set\":true,\"mode\":\"m\"}]}"));
    }

    @Test
    void kickAndInvite() {
        assertEquals(new ClientFrame.Kick("#a", "bob", ""), ok("{\"type\":\"kick\",\"room\":\"#a\",\"nick\":\"bob\"}"));
        assertEquals(new ClientFrame.Kick("#a", "bob", "spam"),
                ok("{\"type\":\"kick\",\"room\":\"#a\",\"nick\":\"bob\",\"reason\":\"spam\"}"));
        assertEquals(new ClientFrame.Invite("#a", "carol"), ok("{\"type\":\"invite\",\"room\":\"#a\",\"nick\":\"carol\"}"));
        for (String type : new String[] {"kick", "invite"}) {
            ProtocolException badNick = refusal("{\"type\":\"" + type + "\",\"room\":\"#a\",\"nick\":\"#b\"}");
            assertEquals(ErrorCode.BAD_NICK, badNick.code(), type);
            assertEquals("#a", badNick.room());
            assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"" + type + "\",\"room\":\"#a\"}"), type);
            assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"" + type + "\",\"room\":\"#a\",\"nick\":1}"), type);
            assertEquals(ErrorCode.BAD_ROOM, refused("{\"type\":\"" + type + "\",\"room\":\"a\",\"nick\":\"b\"}"), type);
        }
        assertEquals(ErrorCode.BAD_TEXT, refused("{\"type\":\"kick\",\"room\":\"#a\",\"nick\":\"b\",\"reason\":\"a\\nb\"}"));
        assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"kick\",\"room\":\"#a\",\"nick\":\"b\",\"reason\":5}"));
        assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"invite\",\"room\":\"#a\",\"nick\":\"b\",\"reason\":\"x\"}"),
                "an invite has no reason");
    }

    @Test
    void privateMessage() {
        assertEquals(new ClientFrame.Private("p-1", "bob", "psst"),
                ok("{\"type\":\"private\",\"id\":\"p-1\",\"to\":\"bob\",\"text\":\"psst\"}"));
        assertEquals(ErrorCode.BAD_NICK, refused("{\"type\":\"private\",\"id\":\"p-1\",\"to\":\"#a\",\"text\":\"x\"}"));
        assertEquals(ErrorCode.BAD_FIELD, refused("{\"type\":\"private\",\"id\":\"p-1\",\"room\":\"#a\",\"text\":\"x\"}"));
    }

    @Test
    void aFullSizeMessageFullyEscapedStillFits() {
        String text = "\\u00e9".repeat(2048);  // 2048 × é = 4096 bytes of UTF-8, 12 KiB of escapes
        ClientFrame f = ok("{\"type\":\"message\",\"id\":\"1\",\"room\":\"#a\",\"text\":\"" + text + "\"}");
        assertEquals("é".repeat(2048), ((ClientFrame.Message) f).text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "BAD_JSON       | ''",
            "BAD_JSON       | '{'",
            "BAD_JSON       | 'null'",
            "BAD_JSON       | '[]'",
            "BAD_JSON       | '\"hello\"'",
            "BAD_JSON       | '{\"type\":\"join\",\"room\":\"#a\"} {}'",
            "BAD_JSON       | '{\"type\":\"join\",\"room\":\"#a\",}'",
            "BAD_JSON       | '{\"type\":\"join\",\"type\":\"part\",\"room\":\"#a\"}'",
            "BAD_JSON       | '{type:\"join\"}'",
            "BAD_FIELD      | '{}'",
            "BAD_FIELD      | '{\"type\":7}'",
            "BAD_FIELD      | '{\"type\":null}'",
            "UNKNOWN_TYPE   | '{\"type\":\"HELLO\",\"nick\":\"a\"}'",
            "UNKNOWN_TYPE   | '{\"type\":\"ban\",\"room\":\"#a\"}'",
            "BAD_FIELD      | '{\"type\":\"kick\"}'",
            "BAD_FIELD      | '{\"type\":\"mode\",\"room\":\"#a\",\"changes\":[{\"set\":true,\"mode\":\"m\"}],\"x\":1}'",
            "BAD_FIELD      | '{\"type\":\"hello\"}'",
            "BAD_FIELD      | '{\"type\":\"hello\",\"nick\":[\"a\"]}'",
            "BAD_FIELD      | '{\"type\":\"hello\",\"nick\":\"a\",\"extra\":1}'",
            "BAD_FIELD      | '{\"type\":\"hello\",\"nick\":\"a\",\"resumeFrom\":\"5\"}'",
            "BAD_FIELD      | '{\"type\":\"hello\",\"nick\":\"a\",\"resumeFrom\":-1}'",
            "BAD_FIELD      | '{\"type\":\"hello\",\"nick\":\"a\",\"resumeFrom\":1.5}'",
            "BAD_FIELD      | '{\"type\":\"hello\",\"nick\":\"a\",\"resumeFrom\":9223372036854775808}'",
            "BAD_FIELD      | '{\"type\":\"hello\",\"nick\":\"a\",\"resumeFrom\":1e999999999}'",
            "BAD_FIELD      | '{\"type\":\"hello\",\"nick\":\"a\",\"session\":\"a b\"}'",
            "BAD_NICK       | '{\"type\":\"hello\",\"nick\":\"1a\"}'",
            "BAD_NICK       | '{\"type\":\"hello\",\"nick\":\"\"}'",
            "BAD_NICK       | '{\"type\":\"hello\",\"nick\":\"abcdefghijklmnopq\"}'",
            "BAD_ROOM       | '{\"type\":\"join\",\"room\":\"lobby\"}'",
            "BAD_ROOM       | '{\"type\":\"join\",\"room\":\"#a b\"}'",
            "BAD_ROOM       | '{\"type\":\"join\",\"room\":\"#a\\u0007\"}'",
            "BAD_FIELD      | '{\"type\":\"join\"}'",
            "BAD_FIELD      | '{\"type\":\"join\",\"room\":null}'",
            "BAD_TEXT       | '{\"type\":\"part\",\"room\":\"#a\",\"reason\":\"x\\ny\"}'",
            "BAD_ID         | '{\"type\":\"message\",\"id\":\"\",\"room\":\"#a\",\"text\":\"x\"}'",
            "BAD_ID         | '{\"type\":\"message\",\"id\":\"a b\",\"room\":\"#a\",\"text\":\"x\"}'",
            "BAD_FIELD      | '{\"type\":\"message\",\"id\":1,\"room\":\"#a\",\"text\":\"x\"}'",
            "BAD_TEXT       | '{\"type\":\"message\",\"id\":\"1\",\"room\":\"#a\",\"text\":\"\"}'",
            "BAD_TEXT       | '{\"type\":\"message\",\"id\":\"1\",\"room\":\"#a\",\"text\":\"a\\r\\nb\"}'",
            "BAD_TEXT       | '{\"type\":\"message\",\"id\":\"1\",\"room\":\"#a\",\"text\":\"\\ud800\"}'",
            "BAD_FIELD      | '{\"type\":\"message\",\"room\":\"#a\",\"text\":\"x\"}'",
    })
    void refusals(ErrorCode expected, String json) {
        assertEquals(expected, refused(json));
    }

    @Test
    void textOverFourKibibytesIsRefused() {
        assertEquals(ErrorCode.BAD_TEXT,
                refused("{\"type\":\"message\",\"id\":\"1\",\"room\":\"#a\",\"text\":\"" + "x".repeat(4097) + "\"}"));
    }

    @Test
    void oversizeFramesAreRefusedBeforeParsing() {
        String big = "{\"type\":\"message\",\"id\":\"1\",\"room\":\"#a\",\"text\":\"" + "x".repeat(40_000) + "\"}";
        assertEquals(ErrorCode.FRAME_TOO_LARGE, refused(big));
        assertEquals(ErrorCode.FRAME_TOO_LARGE, refused("[".repeat(ClientFrameDecoder.MAX_FRAME_CHARS + 1)));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        assertEquals(ErrorCode.BAD_JSON, refused("[".repeat(20_000) + "]".repeat(20_000).substring(0, 10_000)));
        String nested = "{\"type\":\"join\",\"room\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        ErrorCode code = refused(nested);
        assertEquals(true, code == ErrorCode.BAD_JSON || code == ErrorCode.BAD_FIELD, code::name);
    }

    @Test
    void aRefusedMessageNamesItsIdSoTheClientStopsResendingIt() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> decoder.decode("{\"type\":\"message\",\"id\":\"m-7\",\"room\":\"#a\",\"text\":\"\"}"));
        assertEquals(new ServerFrame.Error(ErrorCode.BAD_TEXT,
                "text: one line of 1-4096 bytes of UTF-8, no control characters but IRC formatting", "m-7"), e.toFrame());
        ProtocolException room = assertThrows(ProtocolException.class,
                () -> decoder.decode("{\"type\":\"message\",\"id\":\"m-8\",\"room\":\"a\",\"text\":\"x\"}"));
        assertEquals("m-8", room.id());
    }

    @Test
    void anErrorBecomesAnErrorFrame() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> decoder.decode("{\"type\":\"x\"}"));
        assertEquals(new ServerFrame.Error(ErrorCode.UNKNOWN_TYPE, "unknown frame type", null), e.toFrame());
        ProtocolException inRoom = refusal("{\"type\":\"kick\",\"room\":\"#a\",\"nick\":\"1\"}");
        assertEquals(new ServerFrame.Error(ErrorCode.BAD_NICK, "nick: a nick", null, "#a", null), inRoom.toFrame());
    }
}
