# Partner libraries that co-run a proposal's service.
field-partners = Partner libraries
field-partners-hint = Libraries elsewhere that run the new service with you. The ambassadors of their countries may read the proposal, and nobody who works there reviews it.
partner-organisation = Library
partner-country = Country
partner-contact = Contact (a name, an email address or a telephone number)
read-partners = Partner libraries
