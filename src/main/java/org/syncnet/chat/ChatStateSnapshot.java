package org.syncnet.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The whole {@link ChatState} at one log position, as bytes: what a server writes to its data folder so that a restart
 * applies only the log after that position instead of the whole stored history. Everything applying the log built is
 * in it — clients and their nicks, rooms with topics, modes, lists, members, statuses, invites and recent messages,
 * the resume buffer, WHOWAS, the resend index, accounts with their sessions, the login and registration throttles —
 * in the same iteration order, so a state read back answers exactly as the one written (and goes on alike).
 * <p>
 * Format, version {@value #VERSION}: the magic {@code SNCS}, the version byte, the log position (long), the state's
 * limits (history per room int, rooms int, resume buffer chars long), the body's length (int), the body, and a CRC-32
 * of all before it. Big-endian; a string is its UTF-8 length (int; -1: null) and bytes. At most {@link #MAX_BYTES}.
 * A snapshot that is cut short, damaged, of another version or of other limits is refused as a whole
 * ({@link MalformedSnapshotException}): the state it would go into is left untouched.
 */
public final class ChatStateSnapshot {
    public static final int VERSION = 1;
    /** Far above what the state's own bounds give in practice; beyond it no snapshot is written. */
    public static final int MAX_BYTES = 128 * 1024 * 1024;
    private static final int MAGIC = 0x534E4353;  // "SNCS"
    /** Magic, version, seq, limits, body length. */
    private static final int HEADER_BYTES = 4 + 1 + 8 + 4 + 4 + 8 + 4;
    static final int CRC_BYTES = 4;
    private static final int WRITE_CHUNK = 64 * 1024;

    private ChatStateSnapshot() {
    }

    /** The state as bytes (a {@link #capture} encoded at once). */
    public static byte[] encode(ChatState state) {
        return capture(state).encode();
    }

    /**
     * A consistent copy of the state, cheap enough to take on the thread that applies the log: what can change is
     * encoded now (clients, rooms, accounts: as many as are online, not as the history grows); the messages, which
     * never change once applied, are only listed, and encoded by {@link Capture#encode()} on any thread.
     */
    public static Capture capture(ChatState state) {
        RoomRegistry rooms = state.rooms;
        SnapshotOut clients = new SnapshotOut(1 << 12);
        writeClients(clients, state.clients);
        List<RoomCapture> roomCaptures = new ArrayList<>(rooms.rooms.size());
        for (Map.Entry<String, RoomState> entry : rooms.rooms.entrySet()) {
            SnapshotOut meta = new SnapshotOut(256);
            writeRoomMeta(meta, entry.getKey(), entry.getValue());
            roomCaptures.add(new RoomCapture(meta.toByteArray(),
                    entry.getValue().history.toArray(new HistoryEntry[0]), entry.getValue().lastTrimmedSeq));
        }
        SentMessages sent = state.messaging.sent;
        String[] sentKeys = sent.byKey.keySet().toArray(new String[0]);
        SentMessages.Sent[] sentValues = sent.byKey.values().toArray(new SentMessages.Sent[0]);
        SnapshotOut accounts = new SnapshotOut(1 << 10);
        writeAccounts(accounts, state.accountRegistry);
        return new Capture(state.lastSeq, rooms.historyLimit, rooms.maxRooms, rooms.resume.capacityChars,
                clients.toByteArray(), rooms.resume.messages.toArray(new HistoryEntry[0]), rooms.resume.chars,
                rooms.resume.lastEvictedSeq, roomCaptures, sentKeys, sentValues, accounts.toByteArray());
    }

    private record RoomCapture(byte[] meta, HistoryEntry[] history, long lastTrimmedSeq) {
    }

    /** A state as {@link #capture} took it; {@link #encode()} makes the snapshot's bytes. */
    public static final class Capture {
        private final long seq;
        private final int historyLimit;
        private final int maxRooms;
        private final long resumeChars;
        private final byte[] clients;
        private final HistoryEntry[] resume;
        private final long resumeUsedChars;
        private final long lastEvictedSeq;
        private final List<RoomCapture> rooms;
        private final String[] sentKeys;
        private final SentMessages.Sent[] sentValues;
        private final byte[] accounts;

        private Capture(long seq, int historyLimit, int maxRooms, long resumeChars, byte[] clients,
                        HistoryEntry[] resume, long resumeUsedChars, long lastEvictedSeq, List<RoomCapture> rooms,
                        String[] sentKeys, SentMessages.Sent[] sentValues, byte[] accounts) {
            this.seq = seq;
            this.historyLimit = historyLimit;
            this.maxRooms = maxRooms;
            this.resumeChars = resumeChars;
            this.clients = clients;
            this.resume = resume;
            this.resumeUsedChars = resumeUsedChars;
            this.lastEvictedSeq = lastEvictedSeq;
            this.rooms = rooms;
            this.sentKeys = sentKeys;
            this.sentValues = sentValues;
            this.accounts = accounts;
        }

        /** The log position of the state. */
        public long seq() {
            return seq;
        }

        /**
         * The snapshot's bytes.
         *
         * @throws IllegalStateException when it would be larger than {@link #MAX_BYTES}
         */
        public byte[] encode() {
            return encode(1 << 16).toByteArray();
        }

        /**
         * Writes the snapshot to {@code stream}, 64 KiB a write, from one buffer of about {@code sizeHint} bytes (the
         * last snapshot's size: it then grows once at most, and is not copied again); returns its size.
         *
         * @throws IllegalStateException when it would be larger than {@link #MAX_BYTES}
         */
        public int writeTo(OutputStream stream, int sizeHint) throws IOException {
            SnapshotOut out = encode(Math.max(1 << 16, Math.min(MAX_BYTES, sizeHint + sizeHint / 8)));
            for (int at = 0; at < out.size(); at += WRITE_CHUNK) {
                stream.write(out.bytes(), at, Math.min(WRITE_CHUNK, out.size() - at));
            }
            return out.size();
        }

        private SnapshotOut encode(int initialBytes) {
            SnapshotOut out = new SnapshotOut(initialBytes);
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeLong(seq);
            out.writeInt(historyLimit);
            out.writeInt(maxRooms);
            out.writeLong(resumeChars);
            out.writeInt(0);  // the body's length, filled in below
            out.writeRaw(clients);
            out.writeInt(resume.length);
            for (HistoryEntry e : resume) {
                writeEntry(out, e);
            }
            out.writeLong(resumeUsedChars);
            out.writeLong(lastEvictedSeq);
            out.writeInt(rooms.size());
            for (RoomCapture r : rooms) {
                out.writeRaw(r.meta());
                out.writeInt(r.history().length);
                for (HistoryEntry e : r.history()) {
                    writeEntry(out, e);
                }
                out.writeLong(r.lastTrimmedSeq());
            }
            out.writeInt(sentKeys.length);
            for (int i = 0; i < sentKeys.length; i++) {
                writeSent(out, sentKeys[i], sentValues[i]);
            }
            out.writeRaw(accounts);
            int body = out.size() - HEADER_BYTES;
            out.putInt(HEADER_BYTES - 4, body);
            if ((long) out.size() + CRC_BYTES > MAX_BYTES) {
                throw new IllegalStateException("chat state snapshot of " + out.size() + " bytes exceeds "
                        + MAX_BYTES);
            }
            CRC32 crc = new CRC32();
            crc.update(out.bytes(), 0, out.size());
            out.writeInt((int) crc.getValue());
            return out;
        }
    }

    /** The log position a snapshot is of, from its header only (the rest unchecked). */
    public static long seqOf(byte[] bytes) throws MalformedSnapshotException {
        SnapshotIn in = header(bytes);
        return in.readLong();
    }

    /**
     * Makes {@code into}, a state that applied nothing yet, the state of the snapshot: all or nothing.
     *
     * @return the snapshot's log position
     * @throws MalformedSnapshotException when the snapshot cannot be used; {@code into} is then unchanged
     */
    public static long restore(byte[] bytes, ChatState into) throws MalformedSnapshotException {
        if (into.lastSeq != 0) {
            throw new IllegalStateException("the state applied events already (seq " + into.lastSeq + ")");
        }
        SnapshotIn in = header(bytes);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - CRC_BYTES);
        int stored = (bytes[bytes.length - 4] & 0xFF) << 24 | (bytes[bytes.length - 3] & 0xFF) << 16
                | (bytes[bytes.length - 2] & 0xFF) << 8 | (bytes[bytes.length - 1] & 0xFF);
        if ((int) crc.getValue() != stored) {
            throw new MalformedSnapshotException("CRC mismatch: the snapshot is damaged");
        }
        long seq = in.readLong();
        int historyLimit = in.readInt();
        int maxRooms = in.readInt();
        long resumeChars = in.readLong();
        RoomRegistry target = into.rooms;
        if (historyLimit != target.historyLimit || maxRooms != target.maxRooms
                || resumeChars != target.resume.capacityChars) {
            throw new MalformedSnapshotException("made with other limits (history " + historyLimit + ", rooms "
                    + maxRooms + ", resume " + resumeChars + " chars) than this server's (" + target.historyLimit
                    + ", " + target.maxRooms + ", " + target.resume.capacityChars + ")");
        }
        int body = in.readInt();
        if (body != bytes.length - HEADER_BYTES - CRC_BYTES) {
            throw new MalformedSnapshotException("body of " + body + " bytes in a snapshot of " + bytes.length);
        }
        if (seq < 0) {
            throw new MalformedSnapshotException("negative seq " + seq);
        }
        ChatState loaded = new ChatState(historyLimit, maxRooms, resumeChars);
        try {
            readClients(in, loaded.clients);
            readRooms(in, loaded.rooms, loaded.clients);
            readSent(in, loaded.messaging.sent);
            readAccounts(in, loaded.accountRegistry);
        } catch (RuntimeException e) {
            throw new MalformedSnapshotException("inconsistent content: " + e.getMessage(), e);
        }
        if (in.remaining() != CRC_BYTES) {
            throw new MalformedSnapshotException((in.remaining() - CRC_BYTES) + " bytes left over");
        }
        loaded.lastSeq = seq;
        into.takeOver(loaded);
        return seq;
    }

    private static SnapshotIn header(byte[] bytes) throws MalformedSnapshotException {
        if (bytes.length < HEADER_BYTES + CRC_BYTES) {
            throw new MalformedSnapshotException("cut short: " + bytes.length + " bytes");
        }
        if (bytes.length > MAX_BYTES) {
            throw new MalformedSnapshotException(bytes.length + " bytes: more than " + MAX_BYTES);
        }
        SnapshotIn in = new SnapshotIn(bytes);
        if (in.readInt() != MAGIC) {
            throw new MalformedSnapshotException("not a chat state snapshot (magic)");
        }
        int version = in.readByte();
        if (version != VERSION) {
            throw new MalformedSnapshotException("version " + version + ", this server reads version " + VERSION);
        }
        return in;
    }

    // ---- clients, WHOWAS ----

    private static void writeClients(SnapshotOut out, ClientRegistry clients) {
        out.writeInt(clients.byId.size());
        Map<Client, Integer> index = new HashMap<>();
        for (Client c : clients.byId.values()) {
            index.put(c, index.size());
            writeClientId(out, c.id);
            out.writeString(c.nick);
            out.writeString(c.session);
            out.writeString(c.identity.user());
            out.writeString(c.identity.host());
            out.writeString(c.identity.realname());
            out.writeString(c.away);
            out.writeInt(c.rooms.size());
            for (String key : c.rooms) {
                out.writeString(key);
            }
            out.writeByte((c.oper ? 1 : 0) | (c.invisible ? 2 : 0) | (c.wallops ? 4 : 0));
            out.writeString(c.account);
        }
        // The nick index's own order (renames move a nick to its end).
        for (Map.Entry<String, Client> e : clients.byNick.entrySet()) {
            out.writeString(e.getKey());
            out.writeInt(index.get(e.getValue()));
        }
        out.writeInt(clients.whowas.entries.size());
        for (WhowasEntry w : clients.whowas.entries) {
            out.writeString(w.nick());
            out.writeString(w.user());
            out.writeString(w.host());
            out.writeString(w.realname());
            out.writeString(w.server());
        }
    }

    private static void readClients(SnapshotIn in, ClientRegistry clients) throws MalformedSnapshotException {
        int count = in.readCount();
        List<Client> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ClientId id = readClientId(in);
            String nick = in.readString();
            String session = in.readString();
            Identity identity = new Identity(in.readString(), in.readString(), in.readString());
            Client c = new Client(id, nick, session, identity);
            c.away = in.readString();
            for (int r = in.readCount(); r > 0; r--) {
                c.rooms.add(in.readString());
            }
            int flags = in.readByte();
            c.oper = (flags & 1) != 0;
            c.invisible = (flags & 2) != 0;
            c.wallops = (flags & 4) != 0;
            c.account = in.readString();
            if (clients.byId.put(id, c) != null) {
                throw new MalformedSnapshotException("client " + id + " twice");
            }
            all.add(c);
        }
        for (int i = 0; i < count; i++) {
            String key = in.readString();
            int at = in.readInt();
            if (at < 0 || at >= count || clients.byNick.put(key, all.get(at)) != null
                    || !key.equals(Casemapping.fold(all.get(at).nick))) {
                throw new MalformedSnapshotException("nick index entry " + key + " does not fit");
            }
        }
        for (int n = in.readCount(); n > 0; n--) {
            clients.whowas.entries.addLast(new WhowasEntry(in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readString()));
        }
    }

    // ---- rooms, their history, the resume buffer ----

    /** A room without its messages. */
    private static void writeRoomMeta(SnapshotOut out, String key, RoomState r) {
        out.writeString(key);
        out.writeString(r.name);
        out.writeLong(r.created);
        out.writeString(r.topic);
        RoomModes m = r.modes;
        out.writeInt(m.flags);
        out.writeString(m.key);
        out.writeInt(m.limit);
        for (MaskList list : List.of(m.bans, m.exceptions, m.inviteExceptions)) {
            out.writeInt(list.entries.size());
            for (Map.Entry<String, ListEntry> e : list.entries.entrySet()) {
                out.writeString(e.getKey());
                out.writeString(e.getValue().mask());
                out.writeString(e.getValue().setBy());
                out.writeLong(e.getValue().time());
            }
        }
        out.writeInt(r.members.size());
        for (Member member : r.members.values()) {
            writeMember(out, member);
        }
        writeIds(out, r.operators);
        writeIds(out, r.voiced);
        writeIds(out, r.invited);
    }

    private static void readRooms(SnapshotIn in, RoomRegistry rooms, ClientRegistry clients)
            throws MalformedSnapshotException {
        ResumeBuffer resume = rooms.resume;
        // A message is held once, by its room and the resume buffer alike, as when it was applied.
        Map<Long, HistoryEntry> bySeq = new HashMap<>();
        for (int n = in.readCount(); n > 0; n--) {
            HistoryEntry e = readEntry(in);
            resume.messages.addLast(e);
            bySeq.put(e.seq(), e);
        }
        resume.chars = in.readLong();
        resume.lastEvictedSeq = in.readLong();
        for (int n = in.readCount(); n > 0; n--) {
            String key = in.readString();
            String name = in.readString();
            if (!key.equals(Casemapping.fold(name))) {
                throw new MalformedSnapshotException("room " + name + " under the key " + key);
            }
            RoomState r = new RoomState(name, rooms.historyLimit, in.readLong());
            r.topic = in.readString();
            RoomModes m = r.modes;
            m.flags = in.readInt();
            m.key = in.readString();
            m.limit = in.readInt();
            for (MaskList list : List.of(m.bans, m.exceptions, m.inviteExceptions)) {
                for (int e = in.readCount(); e > 0; e--) {
                    String listKey = in.readString();
                    list.entries.put(listKey, new ListEntry(in.readString(), in.readString(), in.readLong()));
                }
            }
            for (int e = in.readCount(); e > 0; e--) {
                Member member = readMember(in);
                r.members.put(member.client(), member);
                Client c = clients.byId.get(member.client());
                if (c == null || !c.rooms.contains(key)) {
                    throw new MalformedSnapshotException(member + " in " + name + " but not as a client");
                }
            }
            readIds(in, r.operators);
            readIds(in, r.voiced);
            readIds(in, r.invited);
            for (int e = in.readCount(); e > 0; e--) {
                HistoryEntry entry = readEntry(in);
                HistoryEntry shared = bySeq.get(entry.seq());
                r.history.addLast(entry.equals(shared) ? shared : entry);
            }
            r.lastTrimmedSeq = in.readLong();
            if (rooms.rooms.put(key, r) != null) {
                throw new MalformedSnapshotException("room " + name + " twice");
            }
        }
        for (Client c : clients.byId.values()) {
            for (String key : c.rooms) {
                RoomState r = rooms.rooms.get(key);
                if (r == null || !r.members.containsKey(c.id)) {
                    throw new MalformedSnapshotException(c.id + " in room " + key + " that does not list it");
                }
            }
        }
    }

    private static void writeEntry(SnapshotOut out, HistoryEntry e) {
        out.writeLong(e.seq());
        out.writeString(e.room());
        writeMember(out, e.sender());
        out.writeString(e.text());
        out.writeLong(e.time());
        out.writeString(e.clientEventId());
        out.writeByte(e.notice() ? 1 : 0);
    }

    private static HistoryEntry readEntry(SnapshotIn in) throws MalformedSnapshotException {
        return new HistoryEntry(in.readLong(), in.readString(), readMember(in), in.readString(), in.readLong(),
                in.readString(), in.readByte() != 0);
    }

    // ---- the resend index ----

    private static void writeSent(SnapshotOut out, String key, SentMessages.Sent s) {
        out.writeString(key);
        out.writeLong(s.seq());
        out.writeString(s.room());
        out.writeString(s.recipient());
        writeMember(out, s.sender());
        out.writeLong(s.time());
    }

    private static void readSent(SnapshotIn in, SentMessages sent) throws MalformedSnapshotException {
        for (int n = in.readCount(); n > 0; n--) {
            String key = in.readString();
            sent.byKey.put(key, new SentMessages.Sent(in.readLong(), in.readNullableString(),
                    in.readNullableString(), readMember(in), in.readLong()));
        }
        if (sent.byKey.size() > sent.capacity) {
            throw new MalformedSnapshotException(sent.byKey.size() + " sent messages, more than " + sent.capacity);
        }
    }

    // ---- accounts, sessions, throttles ----

    private static void writeAccounts(SnapshotOut out, AccountRegistry accounts) {
        out.writeLong(accounts.failedLogins);
        out.writeInt(accounts.byName.size());
        for (Map.Entry<String, Account> e : accounts.byName.entrySet()) {
            Account a = e.getValue();
            out.writeString(e.getKey());
            out.writeString(a.name);
            PasswordCredential p = a.credential;
            out.writeInt(p.iterations());
            out.writeBytes(p.salt());
            out.writeBytes(p.storedKey());
            out.writeBytes(p.serverKey());
            out.writeInt(a.passwordVersion);
            out.writeString(a.email);
            out.writeLong(a.registered);
            out.writeInt(a.sessions.size());
            for (Map.Entry<String, Long> s : a.sessions.entrySet()) {
                out.writeString(s.getKey());
                out.writeLong(s.getValue());
            }
        }
        writeThrottle(out, accounts.failuresByAccount);
        writeThrottle(out, accounts.failuresByAddress);
        out.writeInt(accounts.registrations.byAddress.size());
        for (Map.Entry<String, java.util.Deque<Long>> e : accounts.registrations.byAddress.entrySet()) {
            out.writeString(e.getKey());
            out.writeInt(e.getValue().size());
            for (long t : e.getValue()) {
                out.writeLong(t);
            }
        }
    }

    private static void readAccounts(SnapshotIn in, AccountRegistry accounts) throws MalformedSnapshotException {
        accounts.failedLogins = in.readLong();
        for (int n = in.readCount(); n > 0; n--) {
            String key = in.readString();
            String name = in.readString();
            PasswordCredential p = new PasswordCredential(in.readInt(), in.readBytes(), in.readBytes(),
                    in.readBytes());
            int version = in.readInt();
            Account a = new Account(name, p, in.readString(), in.readLong());
            a.passwordVersion = version;
            for (int s = in.readCount(); s > 0; s--) {
                String session = in.readString();
                a.sessions.put(session, in.readLong());
                if (accounts.bySession.put(session, a) != null) {
                    throw new MalformedSnapshotException("session of two accounts");
                }
            }
            if (!key.equals(Casemapping.fold(name)) || accounts.byName.put(key, a) != null) {
                throw new MalformedSnapshotException("account " + name + " under the key " + key);
            }
        }
        readThrottle(in, accounts.failuresByAccount);
        readThrottle(in, accounts.failuresByAddress);
        for (int n = in.readCount(); n > 0; n--) {
            String address = in.readString();
            ArrayDeque<Long> times = new ArrayDeque<>();
            for (int t = in.readCount(); t > 0; t--) {
                times.addLast(in.readLong());
            }
            accounts.registrations.byAddress.put(address, times);
        }
        if (accounts.registrations.byAddress.size() > accounts.registrations.capacity) {
            throw new MalformedSnapshotException("registration limit over its capacity");
        }
    }

    private static void writeThrottle(SnapshotOut out, LoginThrottle t) {
        out.writeInt(t.byKey.size());
        for (Map.Entry<String, LoginThrottle.Failures> e : t.byKey.entrySet()) {
            out.writeString(e.getKey());
            out.writeInt(e.getValue().count());
            out.writeLong(e.getValue().last());
        }
    }

    private static void readThrottle(SnapshotIn in, LoginThrottle t) throws MalformedSnapshotException {
        for (int n = in.readCount(); n > 0; n--) {
            t.byKey.put(in.readString(), new LoginThrottle.Failures(in.readInt(), in.readLong()));
        }
        if (t.byKey.size() > t.capacity) {
            throw new MalformedSnapshotException("login throttle over its capacity");
        }
    }

    // ---- shared pieces ----

    private static void writeClientId(SnapshotOut out, ClientId id) {
        out.writeString(id.server());
        out.writeLong(id.connection());
    }

    private static ClientId readClientId(SnapshotIn in) throws MalformedSnapshotException {
        return in.shared(new ClientId(in.readString(), in.readLong()));
    }

    private static void writeMember(SnapshotOut out, Member m) {
        writeClientId(out, m.client());
        out.writeString(m.nick());
        out.writeString(m.user());
        out.writeString(m.host());
        out.writeString(m.account());
    }

    private static Member readMember(SnapshotIn in) throws MalformedSnapshotException {
        return in.shared(new Member(readClientId(in), in.readString(), in.readString(), in.readString(),
                in.readString()));
    }

    private static void writeIds(SnapshotOut out, java.util.Set<ClientId> ids) {
        out.writeInt(ids.size());
        for (ClientId id : ids) {
            writeClientId(out, id);
        }
    }

    private static void readIds(SnapshotIn in, java.util.Set<ClientId> ids) throws MalformedSnapshotException {
        for (int n = in.readCount(); n > 0; n--) {
            ids.add(readClientId(in));
        }
    }
}
