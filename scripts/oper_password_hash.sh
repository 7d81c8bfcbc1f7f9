#!/usr/bin/env bash
# Prints the hash of an IRC server operator's password for the setting syncnet.irc.opers (name=<hash>,...).
# Reads the password from the terminal (or one line of standard input), never from the command line.
# Optional argument: the PBKDF2 iteration count (default 100000). Needs only a JDK.
set -eu
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec java "$root/src/main/java/org/syncnet/door/irc/OperPassword.java" "$@"
