service-name = Çmimet për Inovacion
nav-home = Kreu
nav-proposals = Propozimet
sign-in = Hyr
sign-out = Dil
email = Email
password = Fjalëkalimi
language = Gjuha
