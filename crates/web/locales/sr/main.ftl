service-name = Награде за иновације
nav-home = Почетна
nav-proposals = Предлози
sign-in = Пријава
sign-out = Одјава
email = Е-пошта
password = Лозинка
language = Језик
