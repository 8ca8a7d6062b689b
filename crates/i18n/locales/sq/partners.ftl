# Bibliotekat partnere
field-partners = Bibliotekat partnere
field-partners-hint = Biblioteka nga vende të tjera që e zbatojnë shërbimin e ri së bashku me ju. Ambasadorët e vendeve të tyre mund ta lexojnë propozimin, dhe askush që punon atje nuk do ta vlerësojë.
partner-organisation = Biblioteka
partner-country = Vendi
partner-contact = Kontakti (një emër, një adresë emaili ose një numër telefoni)
read-partners = Bibliotekat partnere
