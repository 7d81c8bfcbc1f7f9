package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.ListEntry;
import org.syncnet.chat.ModeChange;
import org.syncnet.door.ws.ServerFrame.Presence.Change;

class ServerFrameEncoderTest {
    private final ServerFrameEncoder encoder = new ServerFrameEncoder();

    private JsonObject encode(ServerFrame f) {
        String json = encoder.encode(f);
        assertFalse(json.contains("\n"), "one line");
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s.replace('\'', '"'))).readObject();
    }

    @Test
    void welcomeAndCluster() {
        assertEquals(json("{'type':'welcome','server':'server1','leader':'server3','nick':'alice'}"),
                encode(new ServerFrame.Welcome("server1", "server3", "alice")));
        assertEquals(json("{'type':'cluster','server':'server1'}"), encode(new ServerFrame.Cluster("server1", null)),
                "no leader: the field is left out");
    }

    @Test
    void eventsCarryTheIdOnlyWhenGiven() {
        assertEquals(json("{'type':'event','seq':42,'room':'#lobby','nick':'bob','text':'hi','time':1790000000000,'id':'c-1'}"),
                encode(new ServerFrame.Event(42, "#lobby", "bob", "hi", 1_790_000_000_000L, "c-1")));
        assertEquals(json("{'type':'event','seq':43,'room':'#lobby','nick':'bob','text':'hi','time':5}"),
                encode(new ServerFrame.Event(43, "#lobby", "bob", "hi", 5, null)));
    }

    @Test
    void privateMessages() {
        assertEquals(json("{'type':'private','seq':9,'from':'alice','to':'bob','text':'psst','time':3,'id':'p-1'}"),
                encode(new ServerFrame.Private(9, "alice", "bob", "psst", 3, "p-1")));
    }

    @Test
    void noticesSaySoAndOnlyThey() {
        assertEquals(json("{'type':'event','seq':4,'room':'#a','nick':'bot','text':'up','time':5,'notice':true}"),
                encode(new ServerFrame.Event(4, "#a", "bot", "up", 5, null, true)));
        assertEquals(json("{'type':'private','seq':9,'from':'bot','to':'bob','text':'x','time':3,'notice':true}"),
                encode(new ServerFrame.Private(9, "bot", "bob", "x", 3, null, true)));
    }

    @Test
    void membersPresenceHistoryTopicError() {
        assertEquals(json("{'type':'members','room':'#a','nicks':['alice','bob'],'topic':''}"),
                encode(new ServerFrame.Members("#a", List.of("alice", "bob"), "")));
        assertEquals(json("{'type':'presence','room':'#a','nick':'bob','change':'nick','newNick':'bobby'}"),
                encode(new ServerFrame.Presence("#a", "bob", Change.NICK, "bobby", null)));
        assertEquals(json("{'type':'presence','room':'#a','nick':'bob','change':'quit','reason':'server2 failed'}"),
                encode(new ServerFrame.Presence("#a", "bob", Change.QUIT, null, "server2 failed")));
        assertEquals(json("{'type':'history','room':'#a','messages':[{'seq':1,'room':'#a','nick':'x','text':'t','time':2}],"
                        + "'complete':false}"),
                encode(new ServerFrame.History("#a", List.of(new ServerFrame.Event(1, "#a", "x", "t", 2, null)), false)));
        assertEquals(json("{'type':'topic','room':'#a','topic':'news','nick':'alice'}"),
                encode(new ServerFrame.Topic("#a", "news", "alice")));
        assertEquals(json("{'type':'error','code':'NICK_IN_USE','message':'alice','id':'c-9'}"),
                encode(new ServerFrame.Error(ErrorCode.NICK_IN_USE, "alice", "c-9")));
    }

    @Test
    void membersOfVersion3TellStatusesAndModes() {
        ServerFrame.Modes modes = new ServerFrame.Modes("+iklnt", "s3cret", 10,
                List.of(new ListEntry("dave!*@*", "alice!web@server1", 77)));
        assertEquals(json("{'type':'members','room':'#a','nicks':['alice','bob','carol'],'topic':'t',"
                        + "'ops':['alice'],'voiced':['bob'],'modes':'+iklnt','key':'s3cret','limit':10,"
                        + "'bans':[{'mask':'dave!*@*','by':'alice!web@server1','time':77}],'created':1790000000000}"),
                encode(new ServerFrame.Members("#a", List.of("alice", "bob", "carol"), "t",
                        new ServerFrame.Channel(List.of("alice"), List.of("bob"), modes, 1_790_000_000_000L))));
        assertEquals(json("{'type':'members','room':'#a','nicks':['alice'],'topic':'','ops':[],'voiced':[],"
                        + "'modes':'+nt','bans':[],'created':0}"),
                encode(new ServerFrame.Members("#a", List.of("alice"), "", new ServerFrame.Channel(List.of(),
                        List.of(), new ServerFrame.Modes("+nt", "", 0, List.of()), 0))),
                "no key, no limit: left out");
    }

    @Test
    void modeKickInvite() {
        assertEquals(json("{'type':'mode','room':'#a','nick':'alice','changes':[{'set':true,'mode':'v','arg':'bob'},"
                        + "{'set':false,'mode':'m'}],'modes':'+nt'}"),
                encode(new ServerFrame.Mode("#a", "alice", List.of(new ModeChange(true, 'v', "bob"),
                        new ModeChange(false, 'm')), new ServerFrame.Modes("+nt", "", 0, null))),
                "no ban changed: no ban list");
        assertEquals(json("{'type':'mode','room':'#a','nick':'alice','changes':[{'set':true,'mode':'b','arg':'b!*@*'}],"
                        + "'modes':'+lnt','limit':5,'bans':[{'mask':'b!*@*','by':'alice!web@s1','time':9}]}"),
                encode(new ServerFrame.Mode("#a", "alice", List.of(new ModeChange(true, 'b', "b!*@*")),
                        new ServerFrame.Modes("+lnt", "", 5, List.of(new ListEntry("b!*@*", "alice!web@s1", 9))))));
        assertEquals(json("{'type':'kick','room':'#a','nick':'alice','target':'bob','reason':''}"),
                encode(new ServerFrame.Kick("#a", "alice", "bob", "")));
        assertEquals(json("{'type':'invite','room':'#a','nick':'alice','target':'carol'}"),
                encode(new ServerFrame.Invite("#a", "alice", "carol")));
        assertEquals(json("{'type':'error','code':'NOT_IN_THAT_ROOM','message':'bob is not in #a','room':'#a',"
                        + "'nick':'bob'}"),
                encode(new ServerFrame.Error(ErrorCode.NOT_IN_THAT_ROOM, "bob is not in #a", null, "#a", "bob")));
    }

    @Test
    void textIsEscapedSoItStaysText() {
        String nasty = "</script><b>\"quoted\"\\ \u0002bold\u0002 😀";
        JsonObject o = encode(new ServerFrame.Event(1, "#a", "x", nasty, 0, null));
        assertEquals(nasty, o.getString("text"));
    }

    @Test
    void lineFeedsInStringsAreEscapedSoVersion2CanJoinFramesByLines() {
        String controls = "a\nb\rc\u0000";  // encode() checks the frame has no line feed
        assertEquals(controls, encode(new ServerFrame.Error(ErrorCode.BAD_TEXT, controls, null)).getString("message"));
    }

    @Test
    void eventsAreEqualByEveryField() {
        ServerFrame.Event e = new ServerFrame.Event(5, "#r", "ann", "hi", 1000, "m1", false);
        ServerFrame.Event same = new ServerFrame.Event(5, new String("#r"), new String("ann"), new String("hi"), 1000,
                new String("m1"), false);
        assertEquals(e, same);
        assertEquals(e.hashCode(), same.hashCode());
        for (ServerFrame.Event other : List.of(new ServerFrame.Event(6, "#r", "ann", "hi", 1000, "m1", false),
                new ServerFrame.Event(5, "#s", "ann", "hi", 1000, "m1", false),
                new ServerFrame.Event(5, "#r", "bob", "hi", 1000, "m1", false),
                new ServerFrame.Event(5, "#r", "ann", "ho", 1000, "m1", false),
                new ServerFrame.Event(5, "#r", "ann", "hi", 1001, "m1", false),
                new ServerFrame.Event(5, "#r", "ann", "hi", 1000, null, false),
                new ServerFrame.Event(5, "#r", "ann", "hi", 1000, "m1", true))) {
            assertNotEquals(e, other);
        }
    }

    @Test
    void accountsOfTheClientAndItsRoomMates() {
        assertEquals(json("{'type':'account','account':'alice','change':'session','token':'t0k3n'}"),
                encode(new ServerFrame.Account("alice", ServerFrame.Account.AccountChange.SESSION, new Secret("t0k3n"))));
        assertEquals(json("{'type':'account','account':'','change':'logout'}"),
                encode(new ServerFrame.Account("", ServerFrame.Account.AccountChange.LOGOUT)), "no token: left out");
        assertEquals(json("{'type':'memberAccount','nick':'bob','account':'bob'}"),
                encode(new ServerFrame.MemberAccount("bob", "bob")));
        assertEquals(json("{'type':'nick','nick':'alice','newNick':'Guest00042'}"),
                encode(new ServerFrame.Nick("alice", "Guest00042")));
        assertEquals(json("{'type':'members','room':'#a','nicks':['alice','bob'],'topic':'','accounts':{'bob':'robert'}}"),
                encode(new ServerFrame.Members("#a", List.of("alice", "bob"), "", null, Map.of("bob", "robert"))));
        assertEquals(json("{'type':'presence','room':'#a','nick':'bob','change':'join','account':'robert'}"),
                encode(new ServerFrame.Presence("#a", "bob", Change.JOIN, null, null, "robert")));
    }

    @Test
    void awayOfTheClientAndItsRoomMates() {
        assertEquals(json("{'type':'away','nick':'bob','message':'gone to lunch'}"),
                encode(new ServerFrame.Away("bob", "gone to lunch")));
        assertEquals(json("{'type':'away','nick':'bob','message':''}"), encode(new ServerFrame.Away("bob", "")),
                "back: an empty message");
        assertEquals(json("{'type':'members','room':'#a','nicks':['alice','bob'],'topic':'','accounts':{},"
                        + "'away':{'bob':'lunch'}}"),
                encode(new ServerFrame.Members("#a", List.of("alice", "bob"), "", null, Map.of(), Map.of("bob", "lunch"))));
        assertEquals(json("{'type':'members','room':'#a','nicks':['alice'],'topic':'','accounts':{},'away':{}}"),
                encode(new ServerFrame.Members("#a", List.of("alice"), "", null, Map.of(), Map.of())), "nobody away");
    }
}
