package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ErrorCode;

/** The frames of protocol version 5 (nick, away, actions) through {@link ClientFrameDecoder}, and their gating. */
class CommandFramesDecoderTest {
    private final ClientFrameDecoder decoder = new ClientFrameDecoder();

    private ClientFrame ok(String json) {
        try {
            return decoder.decode(json.replace('\'', '"'), 5);
        } catch (ProtocolException e) {
            throw new AssertionError(json + " refused: " + e.code() + " " + e.getMessage(), e);
        }
    }

    private ProtocolException refusal(String json, int version) {
        return assertThrows(ProtocolException.class, () -> decoder.decode(json.replace('\'', '"'), version), json);
    }

    @Test
    void nickAndAwayFrames() {
        assertEquals(new ClientFrame.Nick("Alice[2]"), ok("{'type':'nick','nick':'Alice[2]'}"));
        assertEquals(new ClientFrame.Away("gone to lunch"), ok("{'type':'away','message':'gone to lunch'}"));
        assertEquals(new ClientFrame.Away(""), ok("{'type':'away','message':''}"), "empty: back");
        assertEquals(new ClientFrame.Away(""), ok("{'type':'away'}"), "no message: back, as IRC's AWAY alone");
        String longest = "é".repeat(ChatLimits.MAX_AWAY_BYTES / 2);
        assertEquals(new ClientFrame.Away(longest), ok("{'type':'away','message':'" + longest + "'}"));
    }

    @Test
    void anActionIsPostedAsACtcpAction() {
        assertEquals(new ClientFrame.Message("m1", "#a", "\u0001ACTION waves\u0001"),
                ok("{'type':'message','id':'m1','room':'#a','text':'waves','action':true}"));
        assertEquals(new ClientFrame.Private("p1", "bob", "\u0001ACTION waves\u0001"),
                ok("{'type':'private','id':'p1','to':'bob','text':'waves','action':true}"));
        assertEquals(new ClientFrame.Message("m2", "#a", "waves"),
                ok("{'type':'message','id':'m2','room':'#a','text':'waves','action':false}"), "false: as absent");
        assertEquals(new ClientFrame.Private("p2", "bob", "waves"),
                ok("{'type':'private','id':'p2','to':'bob','text':'waves','action':false}"));
    }

    /** Wrapped in its CTCP form, an action must fit a message: its own text may be 9 bytes shorter. */
    @Test
    void anActionsTextIsTheTextLimitLessTheWrapper() {
        assertEquals(ChatLimits.MAX_TEXT_BYTES - 9, ClientFrameDecoder.MAX_ACTION_BYTES);
        String longest = "x".repeat(ClientFrameDecoder.MAX_ACTION_BYTES);
        ClientFrame.Message m = (ClientFrame.Message) ok("{'type':'message','id':'m1','room':'#a','text':'" + longest
                + "','action':true}");
        assertEquals(ChatLimits.MAX_TEXT_BYTES, ChatLimits.utf8Length(m.text()));
        ProtocolException tooLong = refusal("{'type':'message','id':'m2','room':'#a','text':'" + longest
                + "x','action':true}", 5);
        assertEquals(new ServerFrame.Error(ErrorCode.BAD_TEXT, "text: an action is one line of 1-4087 bytes of UTF-8, "
                + "no control characters but IRC formatting (nor U+0001)", "m2"), tooLong.toFrame(), "says the limit");
        assertEquals("p1", refusal("{'type':'private','id':'p1','to':'bob','text':'" + longest + "x','action':true}", 5)
                .id(), "a refused private message is named too");
        ok("{'type':'message','id':'m3','room':'#a','text':'" + longest + "x'}");  // not an action: fits
    }

    @Test
    void aBadNickIsNamedInTheRefusal() {
        assertEquals(new ServerFrame.Error(ErrorCode.BAD_NICK,
                        "nick: 1-16 of letters, digits, []\\`_^{|}-, not starting with a digit or '-'", null, null, "9lives"),
                refusal("{'type':'nick','nick':'9lives'}", 5).toFrame());
        assertEquals(null, refusal("{'type':'nick','nick':'\\ud800'}", 5).toFrame().nick(),
                "a nick that cannot be written back is not");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // nick
            "BAD_FIELD    | {'type':'nick'}",
            "BAD_FIELD    | {'type':'nick','nick':7}",
            "BAD_FIELD    | {'type':'nick','nick':null}",
            "BAD_NICK     | {'type':'nick','nick':''}",
            "BAD_NICK     | {'type':'nick','nick':'-alice'}",
            "BAD_NICK     | {'type':'nick','nick':'abcdefghijklmnopq'}",
            "BAD_NICK     | {'type':'nick','nick':'a b'}",
            "BAD_FIELD    | {'type':'nick','nick':'alice','session':'k'}",
            // away
            "BAD_FIELD    | {'type':'away','message':true}",
            "BAD_FIELD    | {'type':'away','message':null}",
            "BAD_TEXT     | {'type':'away','message':'two\\nlines'}",
            "BAD_TEXT     | {'type':'away','message':'bell\\u0007'}",
            "BAD_FIELD    | {'type':'away','message':'x','nick':'alice'}",
            // actions
            "BAD_FIELD    | {'type':'message','id':'m1','room':'#a','text':'x','action':'true'}",
            "BAD_FIELD    | {'type':'message','id':'m1','room':'#a','text':'x','action':1}",
            "BAD_FIELD    | {'type':'private','id':'p1','to':'bob','text':'x','action':null}",
            "BAD_TEXT     | {'type':'message','id':'m1','room':'#a','text':'','action':true}",
            "BAD_TEXT     | {'type':'message','id':'m1','room':'#a','text':'two\\nlines','action':true}",
            "BAD_TEXT     | {'type':'message','id':'m1','room':'#a','text':'\\u0001VERSION\\u0001','action':true}",
            "BAD_TEXT     | {'type':'private','id':'p1','to':'bob','text':'a\\u0001b','action':true}",
    })
    void badFieldsAreRefusedWithTheirCode(ErrorCode expected, String json) {
        assertEquals(expected, refusal(json, 5).code(), json);
    }

    /** To versions 1 to 4 the frames of version 5 are unknown types, and an action an unknown field. */
    @ParameterizedTest(name = "version {0}")
    @CsvSource({"1", "2", "3", "4"})
    void olderVersionsDoNotKnowThem(int version) {
        assertEquals(ErrorCode.UNKNOWN_TYPE, refusal("{'type':'nick','nick':'alice'}", version).code());
        assertEquals(ErrorCode.UNKNOWN_TYPE, refusal("{'type':'away','message':'lunch'}", version).code());
        assertEquals(new ServerFrame.Error(ErrorCode.BAD_FIELD, "unexpected field \"action\"", null),
                refusal("{'type':'message','id':'m1','room':'#a','text':'x','action':true}", version).toFrame());
        assertEquals(ErrorCode.BAD_FIELD,
                refusal("{'type':'private','id':'p1','to':'bob','text':'x','action':false}", version).code(),
                "even false: the field is unknown");
    }
}
