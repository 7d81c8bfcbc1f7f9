'use strict';
// The unread bookkeeping of the page's rooms and conversations, apart from the DOM so that Node's test runner checks
// it (src/test/js/chat-unread.test.js). Positions are seqs: cluster-wide, so a read position holds on every server.
const ChatUnread = (() => {
    /**
     * Per room or conversation (a key): how many messages arrived since it was last looked at, whether one of them
     * mentioned the user, and the seq of the first of them (where the page draws "new messages"). {@link #toJSON}
     * keeps the read positions, for localStorage.
     */
    class Unread {
        constructor(saved) {
            this.entries = new Map();
            this.readUpTo = new Map(Object.entries(saved || {}).filter(([, seq]) => Number.isSafeInteger(seq)));
        }

        /**
         * A message arrived live: {@code seen} when the user is looking at this entry right now. A message that was
         * read before (a replay after a reconnect or a reload) changes nothing.
         */
        arrived(key, seq, mentioned, seen) {
            if (seen) {
                this.read(key, seq);
                return;
            }
            if (seq <= (this.readUpTo.get(key) || 0)) return;
            let e = this.entries.get(key);
            if (!e) {
                e = { count: 0, mentioned: false, firstSeq: seq };
                this.entries.set(key, e);
            }
            e.count++;
            e.mentioned = e.mentioned || mentioned;
            e.firstSeq = Math.min(e.firstSeq, seq);
        }

        /**
         * A room's history on joining ({seq, mentioned} each): unread only after the position the user read this
         * room up to before; a room never read before starts read at its newest message.
         */
        history(key, messages) {
            if (this.readUpTo.has(key)) {
                for (const m of messages) this.arrived(key, m.seq, m.mentioned, false);
            } else {
                this.read(key, messages.reduce((newest, m) => Math.max(newest, m.seq), 0));
            }
        }

        /** The user looked at the entry up to {@code seq}. */
        read(key, seq) {
            this.readUpTo.set(key, Math.max(seq, this.readUpTo.get(key) || 0));
            this.entries.delete(key);
        }

        /** A name that changed (a conversation whose partner took another nick). */
        rename(from, to) {
            for (const map of [this.entries, this.readUpTo]) {
                if (map.has(from)) map.set(to, map.get(from));
                map.delete(from);
            }
        }

        forget(key) {
            this.entries.delete(key);
            this.readUpTo.delete(key);
        }

        count(key) {
            return this.entries.has(key) ? this.entries.get(key).count : 0;
        }

        mentioned(key) {
            return this.entries.has(key) && this.entries.get(key).mentioned;
        }

        firstUnreadSeq(key) {
            return this.entries.has(key) ? this.entries.get(key).firstSeq : null;
        }

        total() {
            let n = 0;
            for (const e of this.entries.values()) n += e.count;
            return n;
        }

        anyMention() {
            for (const e of this.entries.values()) if (e.mentioned) return true;
            return false;
        }

        /** The document title: "(3) SyncNet", or "SyncNet" when all is read. */
        title(base) {
            const n = this.total();
            return n === 0 ? base : '(' + n + ') ' + base;
        }

        toJSON() {
            return Object.fromEntries(this.readUpTo);
        }
    }

    return { Unread };
})();
if (typeof module === 'object') module.exports = ChatUnread;
