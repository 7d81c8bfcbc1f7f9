package org.syncnet.door.irc;

/**
 * The numeric replies the IRC door sends, by their customary names (RFC 2812 and modern.ircdocs.horse), each with
 * the fixed text clients show when a reply has one. Named constants keep the session's code readable ("433" says
 * nothing to a reader; {@code ERR_NICKNAMEINUSE} does) and keep the texts in one place.
 */
public enum IrcNumeric {
    RPL_WELCOME("001", null),
    RPL_YOURHOST("002", null),
    RPL_CREATED("003", null),
    RPL_MYINFO("004", null),
    RPL_ISUPPORT("005", "are supported by this server"),
    RPL_UMODEIS("221", null),
    RPL_LUSERCLIENT("251", null),
    RPL_LUSEROP("252", "operator(s) online"),
    RPL_LUSERCHANNELS("254", "channels formed"),
    RPL_LUSERME("255", null),
    RPL_LOCALUSERS("265", null),
    RPL_GLOBALUSERS("266", null),
    RPL_AWAY("301", null),
    RPL_USERHOST("302", null),
    RPL_ISON("303", null),
    RPL_UNAWAY("305", "You are no longer marked as being away"),
    RPL_NOWAWAY("306", "You have been marked as being away"),
    RPL_WHOISUSER("311", null),
    RPL_WHOISSERVER("312", null),
    RPL_WHOISOPERATOR("313", "is an IRC operator"),
    RPL_WHOWASUSER("314", null),
    RPL_ENDOFWHO("315", "End of WHO list"),
    RPL_ENDOFWHOIS("318", "End of /WHOIS list"),
    RPL_WHOISCHANNELS("319", null),
    RPL_WHOISACCOUNT("330", "is logged in as"),
    RPL_LISTSTART("321", null),
    RPL_LIST("322", null),
    RPL_LISTEND("323", "End of /LIST"),
    RPL_CHANNELMODEIS("324", null),
    RPL_CREATIONTIME("329", null),
    RPL_NOTOPIC("331", "No topic is set"),
    RPL_TOPIC("332", null),
    /** A channel the client holds an invite to (INVITE without parameters), not the invite-exception list (346). */
    RPL_INVITELIST("336", null),
    RPL_ENDOFINVITELIST("337", "End of /INVITE list"),
    RPL_INVITING("341", null),
    /** An entry of a channel's invite-exception list ({@code +I}); RFC 2812 called it RPL_INVITELIST. */
    RPL_INVEXLIST("346", null),
    RPL_ENDOFINVEXLIST("347", "End of Channel Invite Exception List"),
    RPL_EXCEPTLIST("348", null),
    RPL_ENDOFEXCEPTLIST("349", "End of channel exception list"),
    RPL_WHOREPLY("352", null),
    RPL_NAMREPLY("353", null),
    RPL_ENDOFNAMES("366", "End of /NAMES list"),
    RPL_BANLIST("367", null),
    RPL_ENDOFBANLIST("368", "End of channel ban list"),
    RPL_ENDOFWHOWAS("369", "End of WHOWAS"),
    RPL_INFO("371", null),
    RPL_MOTD("372", null),
    RPL_ENDOFINFO("374", "End of INFO list"),
    RPL_MOTDSTART("375", null),
    RPL_ENDOFMOTD("376", "End of /MOTD command"),
    RPL_YOUREOPER("381", "You are now an IRC operator"),
    RPL_TIME("391", null),
    ERR_NOSUCHNICK("401", "No such nick/channel"),
    ERR_NOSUCHSERVER("402", "No such server"),
    ERR_NOSUCHCHANNEL("403", "No such channel"),
    ERR_CANNOTSENDTOCHAN("404", "Cannot send to channel"),
    ERR_TOOMANYCHANNELS("405", "You have joined too many channels"),
    ERR_WASNOSUCHNICK("406", "There was no such nickname"),
    ERR_TOOMANYTARGETS("407", "Too many targets"),
    ERR_INVALIDCAPCMD("410", "Invalid CAP command"),
    ERR_NORECIPIENT("411", "No recipient given"),
    ERR_NOTEXTTOSEND("412", "No text to send"),
    ERR_INPUTTOOLONG("417", "Input line was too long"),
    ERR_UNKNOWNCOMMAND("421", "Unknown command"),
    ERR_NOMOTD("422", "MOTD File is missing"),
    ERR_NONICKNAMEGIVEN("431", "No nickname given"),
    ERR_ERRONEUSNICKNAME("432", "Erroneous nickname"),
    ERR_NICKNAMEINUSE("433", "Nickname is already in use"),
    ERR_UNAVAILRESOURCE("437", "Nick/channel is temporarily unavailable"),
    ERR_USERNOTINCHANNEL("441", "They aren't on that channel"),
    ERR_NOTONCHANNEL("442", "You're not on that channel"),
    ERR_USERONCHANNEL("443", "is already on channel"),
    ERR_NOTREGISTERED("451", "You have not registered"),
    ERR_NEEDMOREPARAMS("461", "Not enough parameters"),
    ERR_ALREADYREGISTERED("462", "You may not reregister"),
    ERR_PASSWDMISMATCH("464", "Password incorrect"),
    ERR_CHANNELISFULL("471", "Cannot join channel (+l)"),
    ERR_UNKNOWNMODE("472", "is unknown mode char to me"),
    ERR_INVITEONLYCHAN("473", "Cannot join channel (+i)"),
    ERR_BANNEDFROMCHAN("474", "Cannot join channel (+b)"),
    ERR_BADCHANNELKEY("475", "Cannot join channel (+k)"),
    ERR_BANLISTFULL("478", "Channel list is full"),
    ERR_NOPRIVILEGES("481", "Permission Denied- You're not an IRC operator"),
    ERR_CHANOPRIVSNEEDED("482", "You're not channel operator"),
    ERR_NOOPERHOST("491", "No O-lines for your host"),
    ERR_USERSDONTMATCH("502", "Can't change mode for other users"),
    ERR_INVALIDKEY("525", "Key is not well-formed"),
    RPL_WHOISSECURE("671", "is using a secure connection"),
    ERR_INVALIDMODEPARAM("696", null),
    RPL_LOGGEDIN("900", null),
    RPL_LOGGEDOUT("901", "You are now logged out"),
    ERR_NICKLOCKED("902", "You must use a nick assigned to you"),
    RPL_SASLSUCCESS("903", "SASL authentication successful"),
    ERR_SASLFAIL("904", "SASL authentication failed"),
    ERR_SASLTOOLONG("905", "SASL message too long"),
    ERR_SASLABORTED("906", "SASL authentication aborted"),
    ERR_SASLALREADY("907", "You have already authenticated using SASL"),
    RPL_SASLMECHS("908", "are available SASL mechanisms");

    private final String code;
    private final String text;

    IrcNumeric(String code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The three digits, the message's command. */
    public String code() {
        return code;
    }

    /** The customary trailing text, or null where the reply's last parameter is data (a topic, a nick list). */
    public String text() {
        return text;
    }
}
