package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ModeChange;
import org.syncnet.door.irc.wire.IrcLineWriter;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * MODE on a channel, as modern.ircdocs.horse lays the replies out: 324 {@code <client> <channel> <modestring>
 * <mode arguments>...}, 329 {@code <client> <channel> <creationtime>}, 367 {@code <client> <channel> <mask> <who>
 * <set-ts>} and 368, 348/349, 346/347 (the invite-exception list), 472 {@code <client> <modechar> :...}, 696
 * {@code <client> <target chan> <mode char> <parameter> :<description>}, 441, 442, 478, 482; and the MODE line every
 * member sees once the change commits.
 */
class IrcChannelModesTest {
    private static final String ALICE = "alice!~alice@10.0.0.1";
    private static final String CREATED = "1795000000";

    private final IrcWorld world = new IrcWorld();
    private IrcSession alice;
    private IrcSession bob;
    private IrcSession carol;

    @BeforeEach
    void aliceCreatesTheRoomBobJoinsCarolStaysOutside() {
        alice = world.register("server1", 1, "10.0.0.1", "alice");
        bob = world.register("server2", 1, "10.0.0.2", "bob");
        carol = world.register("server3", 1, "10.0.0.3", "carol");
        world.send(alice, "JOIN #a");
        world.send(bob, "JOIN #a");
        world.drain(alice);
    }

    @Test
    void aNewRoomIsPlusNtWithItsCreationTime() {
        assertEquals(List.of(":server1.syncnet 324 alice #a +nt", ":server1.syncnet 329 alice #a " + CREATED),
                world.send(alice, "MODE #A"));
        assertEquals(List.of(":server1.syncnet 403 alice #none :No such channel"), world.send(alice, "MODE #none"));
        assertEquals(List.of(":server1.syncnet 403 alice #a,b :No such channel"), world.send(alice, "MODE #a,b"));
    }

    @Test
    void theKeyIsShownToMembersOnly() {
        assertEquals(List.of(":" + ALICE + " MODE #a +kl secret 10"), world.send(alice, "MODE #a +kl secret 10"));
        assertEquals(List.of(":" + ALICE + " MODE #a +kl secret 10"), world.drain(bob), "every member sees it");
        assertEquals(List.of(":server2.syncnet 324 bob #a +ntkl secret 10", ":server2.syncnet 329 bob #a " + CREATED),
                world.send(bob, "MODE #a"));
        assertEquals(List.of(":server3.syncnet 324 carol #a +ntkl 10", ":server3.syncnet 329 carol #a " + CREATED),
                world.send(carol, "MODE #a"), "an outsider sees +k without the key");
    }

    @Test
    void severalChangesAreOneEventAndOneLineWithTheArgumentsInOrder() {
        world.send(alice, "MODE #a +v bob");
        world.drain(bob);
        assertEquals(List.of(":" + ALICE + " MODE #a +o-v+b bob bob *!*@evil"),
                world.send(alice, "MODE #a +o-v+b bob BOB *!*@evil"));
        assertEquals(List.of(new ChatEvent.ModesChanged(alice.id(), "#a", List.of(new ModeChange(true, 'o', "bob"),
                new ModeChange(false, 'v', "BOB"), new ModeChange(true, 'b', "*!*@evil")), world.now)),
                world.lastReply.toLog());
        assertEquals(List.of(":" + ALICE + " MODE #a +o-v+b bob bob *!*@evil"), world.drain(bob));
        assertEquals(List.of(), world.send(alice, "MODE #a +o bob"), "a change that changes nothing is not told");
    }

    @Test
    void listsShowMaskSetterAndTimeInSeconds() {
        world.send(alice, "MODE #a +be-b+I evil *!*@good* evil bob");
        assertEquals(List.of(":" + ALICE + " MODE #a +be-b+I evil!*@* *!*@good* evil!*@* bob!*@*"),
                world.drain(bob), "masks as stored, in their full form");
        world.send(alice, "MODE #a +b *!*@10.0.0.9");
        List<String> bans = List.of(":server1.syncnet 367 alice #a *!*@10.0.0.9 " + ALICE + " " + CREATED,
                ":server1.syncnet 368 alice #a :End of channel ban list");
        assertEquals(bans, world.send(alice, "MODE #a b"));
        assertEquals(bans, world.send(alice, "MODE #a +b"), "+b without a mask is the query too");
        assertEquals(List.of(":server1.syncnet 348 alice #a *!*@good* " + ALICE + " " + CREATED,
                ":server1.syncnet 349 alice #a :End of channel exception list",
                ":server1.syncnet 346 alice #a bob!*@* " + ALICE + " " + CREATED,
                ":server1.syncnet 347 alice #a :End of Channel Invite Exception List"),
                world.send(alice, "MODE #a eI"));
        assertEquals(concat(List.of(":server3.syncnet 367 carol #a *!*@10.0.0.9 " + ALICE + " " + CREATED,
                        ":server3.syncnet 368 carol #a :End of channel ban list"),
                ":server3.syncnet 482 carol #a :You're not channel operator"), world.send(carol, "MODE #a be"),
                "anyone sees the bans; the exception lists are the operators'");
        assertEquals(List.of(), world.lastReply.toLog());
    }

    @Test
    void anUnknownLetterIs472AndTheRestStillApplies() {
        assertEquals(List.of(":server1.syncnet 472 alice x :is unknown mode char to me",
                ":" + ALICE + " MODE #a +m"), world.send(alice, "MODE #a +xmx"));
        assertEquals(List.of(":server1.syncnet 472 alice p :is unknown mode char to me"),
                world.send(alice, "MODE #a +p"));
        assertEquals(List.of(), world.lastReply.toLog(), "nothing is logged for an unknown letter");
    }

    @Test
    void aMissingOrBadArgumentIsAnsweredAtTheDoor() {
        assertEquals(List.of(":server1.syncnet 696 alice #a o * :You must specify a parameter for the op mode"),
                world.send(alice, "MODE #a +o"));
        assertEquals(List.of(":server1.syncnet 696 alice #a l * :You must specify a parameter for the limit mode"),
                world.send(alice, "MODE #a +l"));
        assertEquals(List.of(":server1.syncnet 696 alice #a l 0 :Invalid limit mode parameter"),
                world.send(alice, "MODE #a +l 0"));
        assertEquals(List.of(":server1.syncnet 696 alice #a l ten :Invalid limit mode parameter"),
                world.send(alice, "MODE #a +l ten"));
        assertEquals(List.of(":server1.syncnet 525 alice #a :Key is not well-formed"),
                world.send(alice, "MODE #a +k a,b"));
        assertEquals(List.of(":server1.syncnet 401 alice 9lives :No such nick/channel"),
                world.send(alice, "MODE #a +v 9lives"));
        assertEquals(List.of(), world.lastReply.toLog());
    }

    @Test
    void onlyOperatorsChangeModesAndTheirTargetsMustBeInTheRoom() {
        assertEquals(List.of(":server2.syncnet 482 bob #a :You're not channel operator"),
                world.send(bob, "MODE #a +m-t+o bob"), "said once for the whole MODE");
        assertEquals(List.of(":server3.syncnet 442 carol #a :You're not on that channel"),
                world.send(carol, "MODE #a +m"));
        assertEquals(List.of(), world.lastReply.toLog());
        assertEquals(List.of(":server1.syncnet 401 alice nobody :No such nick/channel",
                ":server1.syncnet 441 alice carol #a :They aren't on that channel", ":" + ALICE + " MODE #a +v bob"),
                world.send(alice, "MODE #a +o+o+v nobody CAROL bob"));
    }

    @Test
    void atMostFourArgumentsAMode() {
        world.send(alice, "MODE #a +bbbbb m1 m2 m3 m4 m5");
        assertEquals(1, world.lastReply.toLog().size());
        assertEquals(4, ((ChatEvent.ModesChanged) world.lastReply.toLog().get(0)).changes().size(),
                "MODES=4: the fifth mask is ignored");
        assertEquals(List.of(":" + ALICE + " MODE #a +bbbb m1!*@* m2!*@* m3!*@* m4!*@*"), world.drain(bob));
    }

    @Test
    void moreThanFourChangesAreLoggedAsSeveralEventsInOrder() {
        assertEquals(List.of(":" + ALICE + " MODE #a +ims", ":" + ALICE + " MODE #a -n+l 5"),
                world.send(alice, "MODE #a +imst-n+l-i 5"), "+t is set already; a flag counts once a MODE");
        assertEquals(2, world.lastReply.toLog().size());
        assertEquals(List.of(":server1.syncnet 324 alice #a +imstl 5", ":server1.syncnet 329 alice #a " + CREATED),
                world.send(alice, "MODE #a"));
    }

    @Test
    void minusKeyNeedsNoMatchAndMinusLimitNoArgument() {
        world.send(alice, "MODE #a +kl secret 3");
        assertEquals(List.of(":" + ALICE + " MODE #a -k *"), world.send(alice, "MODE #a -k wrong"));
        world.send(alice, "MODE #a +k secret");
        assertEquals(List.of(":" + ALICE + " MODE #a -kl *"), world.send(alice, "MODE #a -kl"));
        assertEquals(List.of(":server1.syncnet 324 alice #a +nt", ":server1.syncnet 329 alice #a " + CREATED),
                world.send(alice, "MODE #a"));
    }

    @Test
    void aServerOperatorChangesModesFromOutside() {
        world.commit("server3", new ChatEvent.OperUp(carol.id(), "admin"));
        world.drain(carol);
        assertEquals(List.of(":carol!~carol@10.0.0.3 MODE #a +o bob"), world.send(carol, "MODE #a +o bob"),
                "told to the setter too, though not a member");
        assertEquals(List.of(":carol!~carol@10.0.0.3 MODE #a +o bob"), world.drain(bob));
    }

    @Test
    void theStatesRefusalsComeBackAsNumerics() {
        IrcSession.Reply op = world.sendUncommitted(alice, "MODE #a +o bob");
        world.send(bob, "PART #a");
        world.drain(alice);
        world.commit(alice, op);
        assertEquals(List.of(":server1.syncnet 441 alice bob #a :They aren't on that channel"), world.drain(alice),
                "bob left before the change committed");

        for (int i = 0; i < ChatLimits.MAX_LIST_ENTRIES; i++) {
            world.send(alice, "MODE #a +b ban" + i);
        }
        assertEquals(List.of(":server1.syncnet 478 alice #a b :Channel list is full"),
                world.send(alice, "MODE #a +b onetoomany"));

        IrcSession.Reply moderate = world.sendUncommitted(alice, "MODE #a +m");
        world.commit("server1", new ChatEvent.ModesChanged(alice.id(), "#a",
                List.of(new ModeChange(true, 'o', "dave")), 0));
        world.commit(alice, moderate);
        assertEquals(List.of(":server1.syncnet 401 alice dave :No such nick/channel", ":" + ALICE + " MODE #a +m"),
                world.drain(alice));
    }

    /** The longest masks from the longest source in the longest room do not fit one line: several lines, all kept. */
    @Test
    void longModeLinesAreSplitAndNeverRefusedByTheWriter() {
        String source = "n".repeat(16) + "!" + "u".repeat(11) + "@" + "h".repeat(64);
        String room = "#" + "😀".repeat(49);
        List<ModeChange> changes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            changes.add(new ModeChange(true, 'b', ("m" + i).repeat(50).substring(0, 96) + "!*@*"));
        }
        changes.add(new ModeChange(true, 'b', ":colon!*@*"));
        changes.add(new ModeChange(false, 'l'));
        List<IrcMessage> lines = ModeLines.lines(source, room, changes);
        assertTrue(lines.size() > 2, lines.toString());
        List<String> arguments = new ArrayList<>();
        StringBuilder letters = new StringBuilder();
        for (IrcMessage m : lines) {
            String written = new String(IrcLineWriter.write(m), StandardCharsets.UTF_8);
            assertTrue(written.getBytes(StandardCharsets.UTF_8).length <= 512
                    && written.indexOf('\n') == written.length() - 1, "one line within 512 bytes: " + m);
            letters.append(m.param(1));
            arguments.addAll(m.params().subList(2, m.params().size()));
        }
        assertEquals(changes.stream().filter(c -> !c.argument().isEmpty()).map(ModeChange::argument).toList(),
                arguments);
        assertEquals(":colon!*@*", lines.get(lines.size() - 2).params().get(lines.get(lines.size() - 2).params().size()
                - 1), "a ':' argument ends its line");
        assertTrue(letters.toString().replace("+", "").replace("-", "").equals("bbbbbl"), letters.toString());
    }

    private static List<String> concat(List<String> lines, String last) {
        List<String> all = new ArrayList<>(lines);
        all.add(last);
        return all;
    }
}
