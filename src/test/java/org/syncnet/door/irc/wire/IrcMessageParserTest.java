package org.syncnet.door.irc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many cases come from the ircdocs parser tests (msg-split.yaml, CC0), with the verb in upper case. */
class IrcMessageParserTest {

    @Test
    void sourceCommandAndParameters() throws IrcSyntaxException {
        assertParsed("foo bar baz asdf", Map.of(), null, "FOO", "bar", "baz", "asdf");
        assertParsed(":coolguy foo bar baz asdf", Map.of(), "coolguy", "FOO", "bar", "baz", "asdf");
        assertParsed("COMMAND", Map.of(), null, "COMMAND");
        assertParsed(":src AWAY", Map.of(), "src", "AWAY");
        assertParsed(":src AWAY ", Map.of(), "src", "AWAY");
        assertParsed(":src JOIN #chan", Map.of(), "src", "JOIN", "#chan");
        assertParsed(":src JOIN :#chan", Map.of(), "src", "JOIN", "#chan");
        assertParsed(":SomeOp MODE #channel +oo SomeUser :AnotherUser", Map.of(), "SomeOp", "MODE", "#channel", "+oo",
                "SomeUser", "AnotherUser");
        assertParsed("privmsg #a :hi", Map.of(), null, "PRIVMSG", "#a", "hi");
    }

    @Test
    void trailingParameter() throws IrcSyntaxException {
        assertParsed("foo bar baz :asdf quux", Map.of(), null, "FOO", "bar", "baz", "asdf quux");
        assertParsed("foo bar baz :", Map.of(), null, "FOO", "bar", "baz", "");
        assertParsed("foo bar baz ::asdf", Map.of(), null, "FOO", "bar", "baz", ":asdf");
        assertParsed(":coolguy foo bar baz :  asdf quux ", Map.of(), "coolguy", "FOO", "bar", "baz", "  asdf quux ");
        assertParsed(":coolguy PRIVMSG bar :lol :) ", Map.of(), "coolguy", "PRIVMSG", "bar", "lol :) ");
        assertParsed(":coolguy foo bar baz :  ", Map.of(), "coolguy", "FOO", "bar", "baz", "  ");
        assertParsed("PRIVMSG #a :", Map.of(), null, "PRIVMSG", "#a", "");
    }

    @Test
    void spacesSeparateAndTabsDoNot() throws IrcSyntaxException {
        assertParsed(":gravel.mozilla.org 432  #momo :Erroneous Nickname: Illegal characters", Map.of(),
                "gravel.mozilla.org", "432", "#momo", "Erroneous Nickname: Illegal characters");
        assertParsed(":gravel.mozilla.org MODE #tckk +n ", Map.of(), "gravel.mozilla.org", "MODE", "#tckk", "+n");
        assertParsed(":services.esper.net MODE #foo-bar +o foobar  ", Map.of(), "services.esper.net", "MODE",
                "#foo-bar", "+o", "foobar");
        assertParsed("   PING    x   ", Map.of(), null, "PING", "x");
        assertParsed("  :src   NICK   bob", Map.of(), "src", "NICK", "bob");
        assertParsed(":cool\tguy foo bar baz", Map.of(), "cool\tguy", "FOO", "bar", "baz");
        assertParsed(":coolguy!ag@net\u00035w\u0003ork.admin PRIVMSG foo :bar baz", Map.of(),
                "coolguy!ag@net\u00035w\u0003ork.admin", "PRIVMSG", "foo", "bar baz");
        assertParsed(": PING x", Map.of(), null, "PING", "x");
    }

    @Test
    void tags() throws IrcSyntaxException {
        assertParsed("@a=b;c=32;k;rt=ql7 foo", Map.of("a", "b", "c", "32", "k", "", "rt", "ql7"), null, "FOO");
        assertParsed("@a=b\\\\and\\nk;c=72\\s45;d=gh\\:764 foo", Map.of("a", "b\\and\nk", "c", "72 45", "d", "gh;764"),
                null, "FOO");
        assertParsed("@c;h=;a=b :quux ab cd", Map.of("c", "", "h", "", "a", "b"), "quux", "AB", "cd");
        assertParsed("@tag1=value1;tag2;vendor1/tag3=value2;vendor2/tag4= :irc.example.com COMMAND param1 param2 "
                + ":param3 param3", Map.of("tag1", "value1", "tag2", "", "vendor1/tag3", "value2", "vendor2/tag4", ""),
                "irc.example.com", "COMMAND", "param1", "param2", "param3 param3");
        assertParsed("@foo=\\\\\\\\\\:\\\\s\\s\\r\\n COMMAND", Map.of("foo", "\\\\;\\s \r\n"), null, "COMMAND");
        assertParsed("@tag1=value\\\\ntest COMMAND", Map.of("tag1", "value\\ntest"), null, "COMMAND");
        assertParsed("@tag1=value\\1 COMMAND", Map.of("tag1", "value1"), null, "COMMAND");
        assertParsed("@tag1=value1\\ COMMAND", Map.of("tag1", "value1"), null, "COMMAND");
        assertParsed("@tag1=1;tag2=3;tag3=4;tag1=5;vendor/tag2=8 COMMAND",
                Map.of("tag1", "5", "tag2", "3", "tag3", "4", "vendor/tag2", "8"), null, "COMMAND");
        assertParsed("@;a=1;;=x;b=c=d PING", Map.of("a", "1", "b", "c=d"), null, "PING");
        assertParsed("@+draft/typing=active TAGMSG #a", Map.of("+draft/typing", "active"), null, "TAGMSG", "#a");
    }

    @Test
    void fifteenParametersAtMostTheLastTakesTheRest() throws IrcSyntaxException {
        String fourteen = "p1 p2 p3 p4 p5 p6 p7 p8 p9 p10 p11 p12 p13 p14";
        IrcMessage m = IrcMessageParser.parse("CMD " + fourteen + " p15 p16  :p17 x");
        assertEquals(15, m.params().size());
        assertEquals("p14", m.param(13));
        assertEquals("p15 p16  :p17 x", m.param(14), "the 15th needs no ':'");
        assertEquals("p15 p16", IrcMessageParser.parse("CMD " + fourteen + " :p15 p16").param(14));
        assertEquals(":p15", IrcMessageParser.parse("CMD " + fourteen + " ::p15").param(14));
        assertEquals(14, IrcMessageParser.parse("CMD " + fourteen + "   ").params().size());
        assertEquals(List.of("a", "b"), IrcMessageParser.parse("CMD a b").params());
    }

    @Test
    void numericsAreExactlyThreeDigits() throws IrcSyntaxException {
        assertEquals("001", IrcMessageParser.parse(":srv 001 nick :Welcome").command());
        assertEquals("12", assertThrows(IrcSyntaxException.class, () -> IrcMessageParser.parse("12 x")).command());
        assertEquals("1234", assertThrows(IrcSyntaxException.class, () -> IrcMessageParser.parse("1234")).command());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PRIVMSG2 #a :x", "PRIV-MSG", "12a", "PRÏVMSG #a", "#a", "@x :y :z", "ab\rcd x",
        "NICK\u0000"})
    void aCommandThatIsNotLettersOrThreeDigitsIsNamedInTheError(String line) {
        IrcSyntaxException e = assertThrows(IrcSyntaxException.class, () -> IrcMessageParser.parse(line));
        String word = line.replaceFirst("^@\\S* :\\S* ", "").split(" ")[0];
        assertEquals(word, e.command());
        assertEquals("command " + word + " is neither letters nor three digits", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "     ", "@a=b", "@a=b   ", ":src", ":src  ", "@a=b :src", ":", "@"})
    void aLineWithoutACommandIsAnErrorWithoutOne(String line) {
        IrcSyntaxException e = assertThrows(IrcSyntaxException.class, () -> IrcMessageParser.parse(line));
        assertNull(e.command());
        assertEquals("no command", e.getMessage());
    }

    private static void assertParsed(String line, Map<String, String> tags, String prefix, String command,
            String... params) throws IrcSyntaxException {
        assertEquals(new IrcMessage(tags, prefix, command, List.of(params)), IrcMessageParser.parse(line), line);
    }

    @Test
    void messagesAreEqualByTagsPrefixCommandAndParameters() throws IrcSyntaxException {
        IrcMessage m = IrcMessageParser.parse("@time=1 :a!b@c PRIVMSG #r :hi there");
        IrcMessage same = new IrcMessage(Map.of("time", "1"), "a!b@c", "PRIVMSG", List.of("#r", "hi there"));
        assertEquals(m, same);
        assertEquals(m.hashCode(), same.hashCode());
        assertNotEquals(m, new IrcMessage(null, "a!b@c", "PRIVMSG", List.of("#r", "hi there")));
        assertNotEquals(m, new IrcMessage(Map.of("time", "1"), null, "PRIVMSG", List.of("#r", "hi there")));
        assertNotEquals(m, new IrcMessage(Map.of("time", "1"), "a!b@c", "NOTICE", List.of("#r", "hi there")));
        assertNotEquals(m, new IrcMessage(Map.of("time", "1"), "a!b@c", "PRIVMSG", List.of("#r", "hi")));
    }
}
