# Conversations on proposals, grants and reports.
conversations-heading = Conversations
conversations-none = No conversations of yours here yet.
conversations-draft = Conversations open once the proposal is submitted.
conversations-start = Start a conversation
conversations-unread-heading = Unread messages
conversations-unread-item = { $count ->
    [one] 1 unread message
   *[other] { $count } unread messages
} in “{ $topic }” on { $title }
conversation-title = Conversation
conversation-new-title = Start a conversation
conversation-on = On: { $title }
conversation-on-label = On
conversation-report-on = Report { $position } on { $title }
conversation-back = Back to { $title }
conversation-audience-label = Who reads it
conversation-audience-applicants = Applicant and programme staff
conversation-audience-applicants-who = The applicant, the programme managers and the ambassadors of the proposal's area read it and answer.
conversation-audience-staff = Programme staff only
conversation-audience-staff-who-proposal = The programme managers and the ambassadors of the proposal's area read it; the applicant and the jury do not.
conversation-audience-staff-who-grant = The programme managers and finance read it; the grantee does not.
conversation-audience-jury = Jury
conversation-audience-jury-who = The proposal's reviewers without a conflict of interest and the jury chair read it; the applicant does not.
conversation-audience-grantee = Grantee, finance and managers
conversation-audience-grantee-who = The grantee, finance and the programme managers read it and answer.
conversation-members = Who is in it now
conversation-started-by = started by { $name }
conversation-messages = { $count ->
    [one] 1 message
   *[other] { $count } messages
}
conversation-unread = { $count ->
    [one] 1 unread
   *[other] { $count } unread
}
conversation-topic = Topic
conversation-topic-hint = One line that says what it is about, at most 200 characters.
conversation-body = Message
conversation-body-hint = Plain text, at most 20,000 characters. Everyone else who reads the conversation gets it by email.
conversation-start-send = Start the conversation
conversation-send = Send
conversation-to = to: { $audience }
conversation-reply = Reply to this
conversation-quoting = { $name } wrote:
conversation-reply-cancel = Answer no message in particular
conversation-your-message = Your message
conversation-mention = Mention someone
conversation-mention-hint = Everyone who reads the conversation gets the message; the email of a person mentioned says so.
conversation-mentions = Mentions { $names }
problem-conversation-on-draft = conversations on a proposal open once it is submitted
field-not_in_audience = This person does not read the conversation: mention only people who do.
field-audience_not_offered = Choose one of the audiences offered.
field-unknown_audience = Choose who reads the conversation.
field-not_in_thread = Answer a message of this conversation.
field-unknown_subject = Not something a conversation can be on.

conversation-files = Files
conversation-files-none = No files in this conversation yet.
conversation-files-hint = Everyone who reads the conversation may download them. A PDF, a PNG, JPEG, GIF or WebP image, an office document (docx, xlsx, pptx, odt, ods, odp), or plain text or CSV; at most { $limit } each and 20 per conversation.
problem-conversation-file-not-yours = only whoever attached a file to a conversation removes it
