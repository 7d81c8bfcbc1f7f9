package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncnet.chat.ErrorCode;

/** The account frames of protocol version 4, and a hello's token and password, through {@link ClientFrameDecoder}. */
class AccountFramesDecoderTest {
    /** 43 characters, as the server issues them. */
    private static final String TOKEN = "aB3-_aB3-_aB3-_aB3-_aB3-_aB3-_aB3-_aB3-_xyz";
    private static final String PW = "correct horse";

    private final ClientFrameDecoder decoder = new ClientFrameDecoder();

    private ClientFrame ok(String json) {
        try {
            return decoder.decode(json.replace('\'', '"'));
        } catch (ProtocolException e) {
            throw new AssertionError(json + " refused: " + e.code() + " " + e.getMessage(), e);
        }
    }

    private ProtocolException refusal(String json) {
        return assertThrows(ProtocolException.class, () -> decoder.decode(json.replace('\'', '"')), json);
    }

    @Test
    void aHelloMayBringATokenOrAPassword() {
        assertEquals(new ClientFrame.Hello("alice", OptionalLong.empty(), "k", 4, new Secret(TOKEN), Secret.NONE),
                ok("{'type':'hello','nick':'alice','session':'k','version':4,'token':'" + TOKEN + "'}"));
        assertEquals(new ClientFrame.Hello("alice", OptionalLong.of(7), "", 4, Secret.NONE, new Secret(PW)),
                ok("{'type':'hello','nick':'alice','resumeFrom':7,'version':4,'password':'" + PW + "'}"));
        assertEquals(new ClientFrame.Hello("alice", OptionalLong.empty(), "", 4),
                ok("{'type':'hello','nick':'alice','version':4}"), "or neither");
    }

    @Test
    void accountFrames() {
        assertEquals(new ClientFrame.Register(new Secret(PW), ""), ok("{'type':'register','password':'" + PW + "'}"));
        assertEquals(new ClientFrame.Register(new Secret(PW), "a@example.org"),
                ok("{'type':'register','password':'" + PW + "','email':'a@example.org'}"));
        assertEquals(new ClientFrame.Register(new Secret(PW), ""),
                ok("{'type':'register','password':'" + PW + "','email':''}"), "empty: none");
        assertEquals(new ClientFrame.Login("Alice", new Secret(PW)),
                ok("{'type':'login','account':'Alice','password':'" + PW + "'}"));
        assertEquals(new ClientFrame.Logout(), ok("{'type':'logout'}"));
        assertEquals(new ClientFrame.ChangePassword(new Secret(PW), new Secret("battery staple")),
                ok("{'type':'password','password':'" + PW + "','newPassword':'battery staple'}"));
        assertEquals(new ClientFrame.DropAccount(new Secret(PW)), ok("{'type':'dropAccount','password':'" + PW + "'}"));
        assertEquals(new ClientFrame.Recover("alice", true), ok("{'type':'regain','nick':'alice'}"));
        assertEquals(new ClientFrame.Recover("alice", false), ok("{'type':'ghost','nick':'alice'}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // hello: a token or a password, not both, and only in version 4
            "BAD_FIELD    | {'type':'hello','nick':'a','version':4,'token':'" + TOKEN + "','password':'" + PW + "'}",
            "BAD_FIELD    | {'type':'hello','nick':'a','version':3,'token':'" + TOKEN + "'}",
            "BAD_FIELD    | {'type':'hello','nick':'a','password':'" + PW + "'}",
            "BAD_FIELD    | {'type':'hello','nick':'a','version':4,'token':''}",
            "BAD_FIELD    | {'type':'hello','nick':'a','version':4,'token':'a b'}",
            "BAD_FIELD    | {'type':'hello','nick':'a','version':4,'token':'a.b'}",
            "BAD_FIELD    | {'type':'hello','nick':'a','version':4,'token':'a=='}",
            "BAD_FIELD    | {'type':'hello','nick':'a','version':4,'token':'" + TOKEN + TOKEN + "'}",
            "BAD_FIELD    | {'type':'hello','nick':'a','version':4,'token':7}",
            "BAD_FIELD    | {'type':'hello','nick':'a','version':4,'token':null}",
            "BAD_PASSWORD | {'type':'hello','nick':'a','version':4,'password':'short'}",
            "BAD_FIELD    | {'type':'hello','nick':'a','version':4,'password':12345678}",
            // register
            "BAD_FIELD    | {'type':'register'}",
            "BAD_PASSWORD | {'type':'register','password':''}",
            "BAD_PASSWORD | {'type':'register','password':'1234567'}",
            "BAD_PASSWORD | {'type':'register','password':'two\\nlines here'}",
            "BAD_PASSWORD | {'type':'register','password':'bell\\u0007 in it'}",
            "BAD_FIELD    | {'type':'register','password':true}",
            "BAD_EMAIL    | {'type':'register','password':'" + PW + "','email':'nobody'}",
            "BAD_EMAIL    | {'type':'register','password':'" + PW + "','email':'a@b@c'}",
            "BAD_EMAIL    | {'type':'register','password':'" + PW + "','email':'@example.org'}",
            "BAD_EMAIL    | {'type':'register','password':'" + PW + "','email':'a b@example.org'}",
            "BAD_FIELD    | {'type':'register','password':'" + PW + "','email':5}",
            "BAD_FIELD    | {'type':'register','password':'" + PW + "','account':'alice'}",
            // login
            "BAD_FIELD    | {'type':'login','password':'" + PW + "'}",
            "BAD_FIELD    | {'type':'login','account':'alice'}",
            "BAD_NICK     | {'type':'login','account':'#alice','password':'" + PW + "'}",
            "BAD_NICK     | {'type':'login','account':'','password':'" + PW + "'}",
            "BAD_FIELD    | {'type':'login','account':['alice'],'password':'" + PW + "'}",
            "BAD_PASSWORD | {'type':'login','account':'alice','password':'short'}",
            "BAD_FIELD    | {'type':'login','account':'alice','password':'" + PW + "','nick':'x'}",
            // logout
            "BAD_FIELD    | {'type':'logout','account':'alice'}",
            // password
            "BAD_FIELD    | {'type':'password','password':'" + PW + "'}",
            "BAD_FIELD    | {'type':'password','newPassword':'" + PW + "'}",
            "BAD_PASSWORD | {'type':'password','password':'" + PW + "','newPassword':'short'}",
            "BAD_PASSWORD | {'type':'password','password':'short','newPassword':'" + PW + "'}",
            "BAD_FIELD    | {'type':'password','password':'" + PW + "','newPassword':'" + PW + "','x':1}",
            // dropAccount
            "BAD_FIELD    | {'type':'dropAccount'}",
            "BAD_PASSWORD | {'type':'dropAccount','password':'short'}",
            "BAD_FIELD    | {'type':'dropAccount','password':'" + PW + "','account':'alice'}",
            // regain, ghost
            "BAD_FIELD    | {'type':'regain'}",
            "BAD_NICK     | {'type':'regain','nick':'1alice'}",
            "BAD_FIELD    | {'type':'ghost','nick':7}",
            "BAD_NICK     | {'type':'ghost','nick':'#a'}",
            "BAD_FIELD    | {'type':'ghost','nick':'alice','password':'" + PW + "'}",
            "UNKNOWN_TYPE | {'type':'Login','account':'alice','password':'" + PW + "'}",
    })
    void badFieldsAreRefusedWithTheirCode(ErrorCode expected, String json) {
        assertEquals(expected, refusal(json).code(), json);
    }

    @Test
    void aPasswordIsRefusedWithoutBeingEchoed() {
        assertEquals("password: at least 8 characters, at most 300 bytes of UTF-8, one line",
                refusal("{'type':'login','account':'alice','password':'hunter2'}").getMessage());
        assertEquals("newPassword: at least 8 characters, at most 300 bytes of UTF-8, one line",
                refusal("{'type':'password','password':'" + PW + "','newPassword':'hunter2'}").getMessage());
    }

    @Test
    void framesCarryingSecretsNeverPrintThem() {
        String printed = ok("{'type':'hello','nick':'a','version':4,'password':'" + PW + "'}") + " "
                + ok("{'type':'password','password':'" + PW + "','newPassword':'battery staple'}") + " "
                + ok("{'type':'hello','nick':'a','version':4,'token':'" + TOKEN + "'}");
        assertFalse(printed.contains(PW) || printed.contains("battery") || printed.contains(TOKEN), printed);
    }
}
