package org.syncnet.door.ws;

import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ErrorCode;

/**
 * Reads one WebSocket text frame into a {@link ClientFrame}, strictly: the frame must be one JSON object of at
 * most {@link #MAX_FRAME_CHARS} characters, with a known {@code type}, exactly the fields that type has (an unknown
 * field is an error, so a typo is noticed, not silently ignored), each of its JSON type, and values within the chat
 * limits. Everything else is a {@link ProtocolException} with a stable {@link ErrorCode}; no other exception
 * escapes, whatever the input. Duplicate keys are refused. A frame is read as the client's protocol version has it:
 * the frame types and fields of later versions are unknown to it. Thread-safe (the parser factory is).
 */
public final class ClientFrameDecoder {
    /**
     * A 4096-byte message escaped as {@code \}{@code uXXXX} throughout is 6 × 4096 characters, plus the other
     * fields: 32 Ki characters admits every valid message and nothing much bigger. The endpoint should also cap
     * the WebSocket text buffer at this size so a larger frame is refused before it is read.
     */
    public static final int MAX_FRAME_CHARS = 32 * 1024;

    /** A browser login token: what {@code AccountDesk.newToken} makes fits with room to spare. */
    static final int MAX_TOKEN_CHARS = 64;

    /**
     * An action ({@code /me}, version 5) is posted as an IRC client's arrives, a CTCP ACTION, so IRC users see it as
     * one and every page shows it alike; wrapped, it must fit a message.
     */
    private static final String ACTION_START = "\u0001ACTION ";
    private static final String ACTION_END = "\u0001";
    static final int MAX_ACTION_BYTES = ChatLimits.MAX_TEXT_BYTES - ChatLimits.utf8Length(ACTION_START + ACTION_END);

    private static final Set<String> HELLO = Set.of("type", "nick", "resumeFrom", "session", "version", "token",
            "password");
    private static final Set<String> JOIN = Set.of("type", "room", "resumeFrom", "key");
    private static final Set<String> PART = Set.of("type", "room", "reason");
    private static final Set<String> MESSAGE = Set.of("type", "id", "room", "text");
    private static final Set<String> PRIVATE = Set.of("type", "id", "to", "text");
    private static final Set<String> ACTION_MESSAGE = Set.of("type", "id", "room", "text", "action");
    private static final Set<String> ACTION_PRIVATE = Set.of("type", "id", "to", "text", "action");
    private static final Set<String> TOPIC = Set.of("type", "room", "topic");
    private static final Set<String> MODE = Set.of("type", "room", "changes");
    private static final Set<String> KICK = Set.of("type", "room", "nick", "reason");
    private static final Set<String> INVITE = Set.of("type", "room", "nick");
    private static final Set<String> REGISTER = Set.of("type", "password", "email");
    private static final Set<String> LOGIN = Set.of("type", "account", "password");
    private static final Set<String> LOGOUT = Set.of("type");
    private static final Set<String> PASSWORD = Set.of("type", "password", "newPassword");
    private static final Set<String> DROP_ACCOUNT = Set.of("type", "password");
    private static final Set<String> RECOVER = Set.of("type", "nick");
    private static final Set<String> NICK = Set.of("type", "nick");
    private static final Set<String> AWAY = Set.of("type", "message");

    private final JsonParserFactory parsers = Json.createParserFactory(Map.of(
            JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
            // Parsson's own limits (ignored by other providers): our frames are three levels deep at most.
            "org.eclipse.parsson.maxDepth", 8,
            "org.eclipse.parsson.rejectDuplicateKeys", true));

    /** A frame of the latest protocol version. */
    public ClientFrame decode(String text) throws ProtocolException {
        return decode(text, ClientFrame.Hello.LATEST_VERSION);
    }

    /** A frame of protocol {@code version} (a {@code hello} says its own). */
    public ClientFrame decode(String text, int version) throws ProtocolException {
        if (text == null) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "no frame");
        }
        if (text.length() > MAX_FRAME_CHARS) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE, "frame over " + MAX_FRAME_CHARS + " characters");
        }
        JsonObject frame = parse(text);
        String type = string(frame, "type", true);
        boolean commands = version >= ClientFrame.Hello.COMMANDS_VERSION;
        try {
            return switch (type) {
                case "hello" -> hello(frame);
                case "join" -> join(only(frame, JOIN));
                case "part" -> part(only(frame, PART));
                case "message" -> message(only(frame, commands ? ACTION_MESSAGE : MESSAGE));
                case "private" -> privateMessage(only(frame, commands ? ACTION_PRIVATE : PRIVATE));
                case "topic" -> topic(only(frame, TOPIC));
                case "mode" -> mode(only(frame, MODE));
                case "kick" -> kick(only(frame, KICK));
                case "invite" -> invite(only(frame, INVITE));
                case "register" -> register(only(frame, REGISTER));
                case "login" -> new ClientFrame.Login(account(only(frame, LOGIN)), password(frame, "password"));
                case "logout" -> {
                    only(frame, LOGOUT);
                    yield new ClientFrame.Logout();
                }
                case "password" -> new ClientFrame.ChangePassword(password(only(frame, PASSWORD), "password"),
                        password(frame, "newPassword"));
                case "dropAccount" -> new ClientFrame.DropAccount(password(only(frame, DROP_ACCOUNT), "password"));
                case "regain" -> new ClientFrame.Recover(nick(only(frame, RECOVER)), true);
                case "ghost" -> new ClientFrame.Recover(nick(only(frame, RECOVER)), false);
                case "nick" -> commands ? newNick(only(frame, NICK)) : unknownType();
                case "away" -> commands ? away(only(frame, AWAY)) : unknownType();
                default -> unknownType();
            };
        } catch (RuntimeException e) {
            // Belt and braces: no provider surprise (ArithmeticException on a huge number, ...) may escape.
            throw new ProtocolException(ErrorCode.BAD_FIELD, "unreadable field");
        }
    }

    private static ClientFrame unknownType() throws ProtocolException {
        throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown frame type");
    }

    private JsonObject parse(String text) throws ProtocolException {
        // A parser rather than a reader: a reader stops after the first value and would accept "{...} junk".
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new ProtocolException(ErrorCode.BAD_JSON, "a frame is a JSON object");
            }
            JsonObject frame = parser.getObject();
            if (parser.hasNext()) {
                throw new ProtocolException(ErrorCode.BAD_JSON, "content after the object");
            }
            return frame;
        } catch (RuntimeException e) {
            // JsonParsingException, JsonException, and anything else a provider throws on bad input.
            throw new ProtocolException(ErrorCode.BAD_JSON, "invalid JSON");
        }
    }

    private static ClientFrame hello(JsonObject f) throws ProtocolException {
        only(f, HELLO);
        String nick = string(f, "nick", true);
        if (!ChatLimits.isValidNick(nick)) {
            throw new ProtocolException(ErrorCode.BAD_NICK,
                    "nick: 1-16 of letters, digits, []\\`_^{|}-, not starting with a digit or '-'");
        }
        OptionalLong resumeFrom = resumeFrom(f);
        String session = f.containsKey("session") ? string(f, "session", true) : "";
        if (!ChatLimits.isValidSession(session)) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "session: up to 64 of A-Z a-z 0-9 . _ : -");
        }
        int version = version(f);
        Secret token = f.containsKey("token") ? token(f) : Secret.NONE;
        Secret password = f.containsKey("password") ? password(f, "password") : Secret.NONE;
        if (!token.isEmpty() && !password.isEmpty()) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "token or password: one of them, not both");
        }
        if ((!token.isEmpty() || !password.isEmpty()) && version < ClientFrame.Hello.ACCOUNTS_VERSION) {
            throw new ProtocolException(ErrorCode.BAD_FIELD,
                    "token and password: protocol version " + ClientFrame.Hello.ACCOUNTS_VERSION);
        }
        return new ClientFrame.Hello(nick, resumeFrom, session, version, token, password);
    }

    /** A browser login token as the server issued it: a well-formed one the server does not know is refused later. */
    private static Secret token(JsonObject f) throws ProtocolException {
        String token = string(f, "token", true);
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS || !token.chars().allMatch(c -> c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
            throw new ProtocolException(ErrorCode.BAD_FIELD,
                    "token: 1-" + MAX_TOKEN_CHARS + " of A-Z a-z 0-9 - _, as the server issued it");
        }
        return new Secret(token);
    }

    /** A password, current or new: no account can have one that breaks the rules, so both are checked alike. */
    private static Secret password(JsonObject f, String name) throws ProtocolException {
        String password = string(f, name, true);
        if (!ChatLimits.isValidPassword(password)) {
            throw new ProtocolException(ErrorCode.BAD_PASSWORD, name + ": at least " + ChatLimits.MIN_PASSWORD_CHARS
                    + " characters, at most " + ChatLimits.MAX_PASSWORD_BYTES + " bytes of UTF-8, one line");
        }
        return new Secret(password);
    }

    private static ClientFrame register(JsonObject f) throws ProtocolException {
        Secret password = password(f, "password");
        String email = f.containsKey("email") ? string(f, "email", true) : "";
        if (!ChatLimits.isValidEmail(email)) {
            throw new ProtocolException(ErrorCode.BAD_EMAIL, "email: name@domain, at most "
                    + ChatLimits.MAX_EMAIL_CHARS + " visible ASCII characters");
        }
        return new ClientFrame.Register(password, email);
    }

    private static String account(JsonObject f) throws ProtocolException {
        String account = string(f, "account", true);
        if (!ChatLimits.isValidNick(account)) {
            throw new ProtocolException(ErrorCode.BAD_NICK, "account: an account's name, which is a nick");
        }
        return account;
    }

    private static int version(JsonObject f) throws ProtocolException {
        if (!f.containsKey("version")) {
            return ClientFrame.Hello.FIRST_VERSION;
        }
        if (f.get("version") instanceof JsonNumber n && n.isIntegral()) {
            BigDecimal version = n.bigDecimalValue();
            if (version.compareTo(BigDecimal.valueOf(ClientFrame.Hello.FIRST_VERSION)) >= 0
                    && version.compareTo(BigDecimal.valueOf(ClientFrame.Hello.LATEST_VERSION)) <= 0) {
                return version.intValue();
            }
        }
        throw new ProtocolException(ErrorCode.BAD_FIELD, "version: " + ClientFrame.Hello.FIRST_VERSION + " to "
                + ClientFrame.Hello.LATEST_VERSION);
    }

    private static OptionalLong resumeFrom(JsonObject f) throws ProtocolException {
        if (!f.containsKey("resumeFrom")) {
            return OptionalLong.empty();
        }
        JsonValue v = f.get("resumeFrom");
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().signum() < 0
                || n.bigDecimalValue().precision() > 19) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, "resumeFrom: a sequence number (integer >= 0)");
        }
        return OptionalLong.of(n.longValueExact());
    }

    private static ClientFrame join(JsonObject f) throws ProtocolException {
        String room = room(f);
        try {
            OptionalLong resumeFrom = resumeFrom(f);
            String key = f.containsKey("key") ? string(f, "key", true) : "";
            if (!key.isEmpty() && !ChatLimits.isValidKey(key)) {
                throw new ProtocolException(ErrorCode.BAD_FIELD,
                        "key: 1-23 characters, no space, comma, colon or control character");
            }
            return new ClientFrame.Join(room, resumeFrom, key);
        } catch (ProtocolException e) {
            throw e.inRoom(room);
        }
    }

    private static ClientFrame topic(JsonObject f) throws ProtocolException {
        String room = room(f);
        String topic = string(f, "topic", true);
        if (!ChatLimits.isValidTopic(topic)) {
            throw new ProtocolException(ErrorCode.BAD_TEXT, "topic: one line, at most 300 bytes", null, room);
        }
        return new ClientFrame.Topic(room, topic);
    }

    private static ClientFrame mode(JsonObject f) throws ProtocolException {
        String room = room(f);
        try {
            return new ClientFrame.Mode(room, ModeChangeReader.changes(f.get("changes")));
        } catch (ProtocolException e) {
            throw e.inRoom(room);
        }
    }

    private static ClientFrame kick(JsonObject f) throws ProtocolException {
        String room = room(f);
        try {
            String nick = nick(f);
            String reason = f.containsKey("reason") ? string(f, "reason", true) : "";
            if (!ChatLimits.isValidReason(reason)) {
                throw new ProtocolException(ErrorCode.BAD_TEXT, "reason: one line, at most 300 bytes");
            }
            return new ClientFrame.Kick(room, nick, reason);
        } catch (ProtocolException e) {
            throw e.inRoom(room);
        }
    }

    private static ClientFrame invite(JsonObject f) throws ProtocolException {
        String room = room(f);
        try {
            return new ClientFrame.Invite(room, nick(f));
        } catch (ProtocolException e) {
            throw e.inRoom(room);
        }
    }

    /** A nick frame's nick; a refusal names it (if it can be shown), so the page can say which it refused. */
    private static ClientFrame newNick(JsonObject f) throws ProtocolException {
        String nick = string(f, "nick", true);
        if (!ChatLimits.isValidNick(nick)) {
            throw new ProtocolException(ErrorCode.BAD_NICK,
                    "nick: 1-16 of letters, digits, []\\`_^{|}-, not starting with a digit or '-'", null, null,
                    ChatLimits.utf8Length(nick) < 0 ? null : nick);
        }
        return new ClientFrame.Nick(nick);
    }

    /** An away message; absent or empty: back. */
    private static ClientFrame away(JsonObject f) throws ProtocolException {
        String message = f.containsKey("message") ? string(f, "message", true) : "";
        if (!ChatLimits.isValidAway(message)) {
            throw new ProtocolException(ErrorCode.BAD_TEXT, "message: one line, at most "
                    + ChatLimits.MAX_AWAY_BYTES + " bytes of UTF-8, no control characters but IRC formatting");
        }
        return new ClientFrame.Away(message);
    }

    /** The nick a kick, an invite, a regain or a ghost is for. */
    private static String nick(JsonObject f) throws ProtocolException {
        String nick = string(f, "nick", true);
        if (!ChatLimits.isValidNick(nick)) {
            throw new ProtocolException(ErrorCode.BAD_NICK, "nick: a nick");
        }
        return nick;
    }

    private static ClientFrame part(JsonObject f) throws ProtocolException {
        String reason = f.containsKey("reason") ? string(f, "reason", true) : "";
        if (!ChatLimits.isValidReason(reason)) {
            throw new ProtocolException(ErrorCode.BAD_TEXT, "reason: one line, at most 300 bytes");
        }
        return new ClientFrame.Part(room(f), reason);
    }

    private static ClientFrame message(JsonObject f) throws ProtocolException {
        String id = id(f);
        try {
            String room = room(f);
            return new ClientFrame.Message(id, room, text(f));
        } catch (ProtocolException e) {
            throw new ProtocolException(e.code(), e.getMessage(), id);
        }
    }

    private static ClientFrame privateMessage(JsonObject f) throws ProtocolException {
        String id = id(f);
        try {
            String to = string(f, "to", true);
            if (!ChatLimits.isValidNick(to)) {
                throw new ProtocolException(ErrorCode.BAD_NICK, "to: a nick");
            }
            return new ClientFrame.Private(id, to, text(f));
        } catch (ProtocolException e) {
            throw new ProtocolException(e.code(), e.getMessage(), id);
        }
    }

    private static String id(JsonObject f) throws ProtocolException {
        String id = string(f, "id", true);
        if (!ChatLimits.isValidClientEventId(id)) {
            throw new ProtocolException(ErrorCode.BAD_ID, "id: 1-64 of A-Z a-z 0-9 . _ : -");
        }
        return id;
    }

    /** The text to post: as sent, or an action's in its CTCP form. */
    private static String text(JsonObject f) throws ProtocolException {
        String text = string(f, "text", true);
        if (isAction(f)) {
            String wrapped = ACTION_START + text + ACTION_END;
            if (text.isEmpty() || text.indexOf(ACTION_END) >= 0 || !ChatLimits.isValidText(wrapped)) {
                throw new ProtocolException(ErrorCode.BAD_TEXT, "text: an action is one line of 1-" + MAX_ACTION_BYTES
                        + " bytes of UTF-8, no control characters but IRC formatting (nor U+0001)");
            }
            return wrapped;
        }
        if (!ChatLimits.isValidText(text)) {
            throw new ProtocolException(ErrorCode.BAD_TEXT,
                    "text: one line of 1-4096 bytes of UTF-8, no control characters but IRC formatting");
        }
        return text;
    }

    private static boolean isAction(JsonObject f) throws ProtocolException {
        JsonValue action = f.get("action");
        if (action == null || action.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        } else if (action.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        throw new ProtocolException(ErrorCode.BAD_FIELD, "action: true or false");
    }

    private static String room(JsonObject f) throws ProtocolException {
        String room = string(f, "room", true);
        if (!ChatLimits.isValidRoom(room)) {
            throw new ProtocolException(ErrorCode.BAD_ROOM,
                    "room: '#' and 1-49 characters, no space, comma, colon or control character");
        }
        return room;
    }

    private static JsonObject only(JsonObject f, Set<String> fields) throws ProtocolException {
        for (String key : f.keySet()) {
            if (!fields.contains(key)) {
                throw new ProtocolException(ErrorCode.BAD_FIELD, "unexpected field " + shorten(key));
            }
        }
        return f;
    }

    private static String string(JsonObject f, String name, boolean required) throws ProtocolException {
        JsonValue v = f.get(name);
        if (v == null && !required) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw new ProtocolException(ErrorCode.BAD_FIELD, name + ": " + (v == null ? "missing" : "not a string"));
        }
        return s.getString();
    }

    /** Field names come from the client: echo a bounded, printable piece only. */
    private static String shorten(String key) {
        String s = key.length() > 32 ? key.substring(0, 32) : key;
        return '"' + s.replaceAll("[^\\x20-\\x7e]", "?") + '"';
    }
}
