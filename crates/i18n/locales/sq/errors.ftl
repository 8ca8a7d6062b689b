# Refuzimet dhe gabimet: çfarë thonë problem+json i API-së (title, detail)
# dhe faqet kur një kërkesë refuzohet. Çelësat dhe argumentet shpjegohen
# te en/errors.ftl.

## Titulli i problemit: statusi HTTP me fjalë.
status-400 = Kërkesë e pavlefshme
status-401 = Duhet të hyni
status-403 = Nuk lejohet
status-404 = Nuk u gjet
status-409 = Nuk është e mundur tani
status-413 = Shumë i madh
status-415 = Lloj i pambështetur
status-422 = Të dhëna të pavlefshme
status-428 = Kërkohet versioni
status-429 = Shumë përpjekje
status-500 = Gabim i brendshëm

## Gabime të çdo lloji.
problem-unauthenticated = duhet të hyni
problem-invalid-credentials = email-i ose fjalëkalimi është i gabuar
problem-locked-out = shumë përpjekje të dështuara për të hyrë; provoni përsëri pas { $retry_after_secs } sek.
problem-not-found = nuk u gjet: { $what }
problem-validation = { $count ->
    [one] { $count } fushë është e pavlefshme
   *[other] fusha të pavlefshme: { $count }
}
problem-duplicate = vlera për “{ $field }” është tashmë e zënë
problem-stale-revision = { $what }: dikush tjetër bëri ndryshime ndërkohë; ngarkoni versionin aktual (nr. { $current })
problem-revision-required = dërgoni versionin që po ndryshoni (koka If-Match ose fusha `revision`)
problem-unreadable = kërkesa nuk mund të lexohej: { $why }
problem-internal = diçka shkoi keq nga ana jonë; gabimi u regjistrua
problem-bad-request = { $why }
problem-invalid-body = { $field }: { $why }
problem-unsupported-media-type = dërgoni përmbajtjen e kërkesës si { $expected }
problem-no-such-resource = ky burim nuk ekziston

## Refuzime: mungon roli ose lidhja (403).
problem-role-required = vetëm { $roles } mund { $action }
problem-owner-only = vetëm aplikuesi të cilit i përket propozimi mund { $action }
problem-grantee-only-writes = raportin e shkruan vetëm përfituesi i grantit
problem-admin-only-roles = vetëm një administrator mund të ndryshojë rolet ose të çaktivizojë llogari
problem-reviews-after-own = dorëzoni vlerësimin tuaj para se të lexoni të tjerët
problem-reviews-not-shared = në këtë program vlerësuesit nuk i shohin vlerësimet e njëri-tjetrit
problem-reviews-readers = vlerësimet i lexojnë vetëm juria dhe, pas vendimit, aplikuesi

## Refuzime: gjendja nuk e lejon tani (409).
problem-call-closed = thirrja u mbyll më { $closes_at }
problem-programme-archived = programi është arkivuar dhe nuk pranon propozime
problem-programme-archived-edit = një program i arkivuar nuk mund të ndryshohet; rikthejeni më parë
problem-proposal-not-changeable = një propozim mund të ndryshohet vetëm si skicë ose kur janë kërkuar ndryshime; ky është në gjendjen “{ $proposal_state }”
problem-no-requested-amount = propozimi nuk kërkon asnjë shumë
problem-report-closed = raporti është në gjendjen “{ $report_state }”; nuk mund të ndryshohet më
problem-report-not-owed = raporti është në gjendjen “{ $report_state }”; afat të ri merr vetëm një raport që ende duhet dorëzuar
problem-assignment-preview-stale = caktimet, profilet, interesat e shprehura, konfliktet e interesit ose propozimet kanë ndryshuar pas kësaj pamjeje paraprake; krijoni një pamje paraprake të re
problem-assignment-proposal-state = vlerësuesit u caktohen propozimeve të pranueshme ose propozimeve në vlerësim; ky është në gjendjen “{ $proposal_state }”
problem-reviewer-conflicted = vlerësuesi ka konflikt interesi me këtë propozim ({ $kinds })
problem-reviewer-at-cap = vlerësuesi ka arritur ngarkesën maksimale të lejuar ({ $cap })
problem-reviewer-declined = vlerësuesi e ka refuzuar këtë propozim
problem-assignment-already = detyra është tashmë në gjendjen “{ $assignment_state }”
problem-assignment-is = detyra është në gjendjen “{ $assignment_state }”
problem-review-submitted-chair-reopens = vlerësimi është dorëzuar; kryetari i jurisë duhet ta rihapë më parë
problem-review-submitted = vlerësimi është dorëzuar; vetëm kryetari i jurisë mund ta rihapë
problem-review-not-saved = ruajeni vlerësimin para se ta dorëzoni
problem-review-already-submitted = vlerësimi është dorëzuar tashmë
problem-review-not-submitted = vetëm një vlerësim i dorëzuar mund të rihapet
problem-review-off-rubric = një vlerësim i dorëzuar nuk përputhet më me kriteret e vlerësimit të programit (ato u ndryshuan pasi filloi vlerësimi); rihapeni atë vlerësim
problem-bid-needs-profile = ruani profilin tuaj të vlerësuesit për këtë program para se të shprehni interes
problem-bid-proposal-state = interesi shprehet ndërsa propozimi pret caktimin e vlerësuesve; ky është në gjendjen “{ $proposal_state }”
problem-self-deactivation = nuk mund të çaktivizoni veten as të hiqni rolin tuaj të administratorit; kërkojini një administratori tjetër
problem-attachments-full = { $kind }: lejohen deri në { $max } bashkëngjitje; hiqni një para se të shtoni një tjetër
problem-workflow-version-unknown = rrjedha e punës “{ $workflow_name }” nuk ka version të regjistruar { $version }
problem-outbox-message-state = një mesazh në gjendjen “{ $message_state }” nuk mund { $action }
problem-idempotency-in-flight = një kërkesë me këtë Idempotency-Key po përpunohet ende; provoni përsëri pas pak

## Çfarë emërton një refuzim: objektet e shërbimit.
object-assignment = detyrë vlerësimi
object-attachment = bashkëngjitje
object-grant = grant
object-ledger-entry = regjistrim në librin kryesor
object-outbox-message = mesazh në dalje
object-programme = program
object-proposal = propozim
object-record = regjistrim
object-report = raport
object-review = vlerësim
object-reviewer-profile = profil vlerësuesi
object-tranche = këst
object-user = përdorues
object-workflow-with-instances = rrjedhë pune me instanca

## Çfarë nuk mund të bëjë personi („vetëm … mund …“, prandaj çdo vlerë
## fillon me „të“ ose „ta“); `action-retry` dhe `action-cancel` plotësojnë
## „një mesazh … nuk mund …“.
action-add_or_remove_its_attachments = të shtojë ose të heqë bashkëngjitjet e tij
action-add_reviewers_to_the_jury = të shtojë vlerësues në juri
action-archive_programmes = të arkivojë programe
action-assign_reviewers = të caktojë vlerësues
action-bid_on_proposals = të shprehë interes për të vlerësuar propozime
action-cancel = të anulohet
action-create_programmes = të krijojë programe
action-create_users = të krijojë llogari përdoruesish
action-declare_a_conflict_of_interest = të deklarojë konflikt interesi
action-edit_it = ta ndryshojë
action-edit_programmes = të ndryshojë programe
action-export_the_ledger = të eksportojë librin kryesor
action-export_the_payments = të eksportojë pagesat
action-lift_a_conflict_of_interest = të heqë një konflikt interesi
action-list_users = të shohë listën e përdoruesve
action-manage_programmes = të menaxhojë programe
action-manage_the_outbox = të menaxhojë emailet në dalje
action-move_a_report_s_due_date = të ndryshojë afatin e një raporti
action-preview_emails = të shohë paraprakisht emailet
action-preview_the_funding_line = të shohë paraprakisht linjën e financimit
action-read_the_audit_trail = të lexojë gjurmën e auditimit
action-read_the_impact_summary = të lexojë përmbledhjen e ndikimit
action-read_the_ledger = të lexojë librin kryesor
action-read_the_outbox = të lexojë emailet në dalje
action-read_the_workflow_definitions = të lexojë përkufizimet e rrjedhave të punës
action-record_a_conflict_for_another_reviewer = të regjistrojë një konflikt interesi për një vlerësues tjetër
action-record_funding_decisions = të regjistrojë vendime financimi
action-remove_reviewers = të heqë vlerësues
action-reopen_a_review = të rihapë një vlerësim
action-retry = të ridërgohet
action-run_reviewer_assignment = të kryejë caktimin e vlerësuesve
action-see_bids = të shohë interesin e vlerësuesve
action-see_conflicts_of_interest = të shohë konfliktet e interesit
action-see_the_assignments = të shohë caktimet
action-see_the_jury = të shohë jurinë
action-see_the_ranking = të shohë renditjen
action-verify_the_audit_trail = të verifikojë gjurmën e auditimit
action-write_proposals = të shkruajë propozime

## Skedarë të ngarkuar të refuzuar.
problem-too_large = skedari është më i madh se { $limit } bajtët që lejon ky program
problem-empty = skedari është bosh
problem-unsupported_type = skedarët e këtij lloji nuk pranohen (përmbajtja është { $detected }); bashkëngjitni një PDF, një imazh PNG, JPEG, GIF ose WebP, një dokument zyre (docx, xlsx, pptx, odt, ods, odp), ose tekst të thjeshtë ose CSV në UTF-8
problem-type_mismatch = skedari u dërgua si { $declared }, por përmbajtja e tij është { $detected }
field-required = Plotësojeni këtë.
field-too_long = Deri në { $max } karaktere.
field-invalid_amount = Shkruani një shumë si { $whole } ose { $decimal }.
field-invalid_iban = Ky nuk është IBAN i vlefshëm: shifrat e kontrollit ose gjatësia nuk përputhen me vendin. Kopjojeni nga një pasqyrë bankare.
field-invalid_bic = Një BIC ka 8 ose 11 shkronja dhe shifra, p.sh. STBAMK22XXX.
problem-bank-grantee-only = vetëm përfituesi i fut të dhënat bankare të grantit
problem-bank-grant-ended = granti ka përfunduar: të dhënat bankare nuk ndryshojnë më
problem-bank-nothing-pending = asnjë ndryshim i të dhënave bankare nuk pret konfirmim
problem-bank-not-that-change = ndryshimi që patë u zëvendësua nga një më i ri: lexojeni faqen përsëri para se të vendosni
problem-bank-own-change = ju e futët këtë ndryshim: e konfirmon një person tjetër
action-confirm_bank_details = të konfirmojë ose të refuzojë një ndryshim të të dhënave bankare
field-outdated = Kjo ka ndryshuar që kur e lexuat: lexojeni përsëri.
problem-funding-line-changed = linja e financimit ndryshoi që kur lexuat letrat (u mor një vendim, erdhi një vlerësim ose ndryshoi buxheti): lexojini përsëri
field-too_many = Shumë: jo më shumë se { $max }.
field-too_short = Të paktën { $min } karaktere.
field-out_of_range = Ndërmjet { $min } dhe { $max }.
field-out_of_range-min_award = Çmimi më i vogël nuk mund të jetë më i madh se më i madhi.
field-out_of_range-max_award = Çmimi më i madh nuk mund të jetë më i madh se buxheti.
field-out_of_range-closes_at = Thirrja duhet të mbyllet pasi të hapet.
field-out_of_range-review-reminder_days_before = Kujtesa duhet të vijë para afatit, brenda ditëve që ka vlerësuesi.
field-invalid_email = Shkruani një adresë email-i, p.sh. name@library.org.
field-unknown_country = Nuk është vend që shërbimi e njeh: shkruani kodin e tij me dy shkronja, p.sh. MK.
field-in_the_past = Ajo ditë ka kaluar: zgjidhni sot ose më vonë.
field-unknown_currency = Shkruani një kod monedhe, p.sh. EUR.
field-key_reused = Ky Idempotency-Key është përdorur për një kërkesë tjetër: përdorni një të ri.
field-invalid_token = Kjo lidhje nuk është më e vlefshme: kërkoni një të re.
field-not_in_round = Propozimi nuk është i hapur për vlerësim në këtë program.
field-not_on_the_jury = Ky vlerësues nuk është në jurinë e programit.
field-not_assignable = Ky vlerësues nuk mund ta vlerësojë këtë propozim (konflikt interesi ose përjashtim).
field-unknown_proposal = Nuk ka një propozim të tillë në këtë program.
field-language_not_read = Ky vlerësues nuk e lexon gjuhën e propozimit.
field-not_funded = Vetëm vendimi për financim përmban një shumë të akorduar.
field-funded_not_allowed = Propozimet nën vijë vendosen në listën e pritjes ose refuzohen.
field-not_plannable = Asnjë vijë financimi nuk i plotëson këto rregulla për vendet me këtë buxhet.
field-not_a_reviewer = Ky person nuk është vlerësues.
field-not_in_force = Ky konflikt interesi nuk është në fuqi.
field-unknown_state = Kjo listë nuk njeh një gjendje të tillë.
field-unknown_event = Shërbimi nuk dërgon një email të tillë.
field-urgent_event = Email-et urgjente dërgohen gjithmonë menjëherë, kurrë në një përmbledhje ditore.
field-invalid_cursor = Kjo lidhje faqeje nuk është e vlefshme: filloni përsëri nga faqja e parë.
field-unknown_programme = Nuk ka një program të tillë.
field-no_deadline = Ky hap nuk cakton afat.
field-too_far_ahead = Data e valutës është më shumë se një muaj përpara.
field-not_a_payment = Ky hap nuk regjistron pagesë.
field-unmapped_state = Çdo gjendje e versionit aktual ka nevojë për një gjendje në versionin e ri.
field-unknown_locale = Shërbimi nuk e mbështet këtë gjuhë.
field-invalid_characters = Kjo përmban një karakter kontrolli, të padukshëm ose që ndryshon drejtimin: shkruajeni përsëri pa të.
field-unknown_area = Shërbimi nuk njeh një vend ose rajon të tillë.
field-unknown_time_zone = Nuk është zonë kohore, si Europe/Skopje.
field-invalid_key = Përdorni 1 deri në 64 shkronja, shifra, '-' ose '_'.
field-default_locale_missing = Jepeni këtë tekst edhe në gjuhën kryesore të programit.
field-currency_mismatch = Shumat duhet të jenë në monedhën e programit.
field-must_be_positive = Më shumë se zero.
field-final_report_missing = Kalendari ka nevojë për një raport përfundimtar.
field-final_report_not_last = Raporti përfundimtar duhet të ketë afatin e fundit.
field-several_final_reports = Vetëm një raport përfundimtar.
field-unknown_report = Nuk ka një raport të tillë në kalendar.
field-tranche_template = Pjesët e transheve duhet të jenë përqindje të plota që mblidhen në 100.
field-invalid_description = Përshkruani zërin me 1 deri në 500 shenja.
field-not_a_region = Jepni një kod rajoni, si BA-SRP, ose lëreni bosh.
field-region_outside_country = Ky rajon nuk është në vendin e propozimit.
field-invalid_name = Jepni një person, një adresë email-i ose një organizatë me 1 deri në 200 shenja.
field-invalid_tag = Një fjalë kyçe ka 1 deri në 50 shenja.
field-unknown_indicator = Nuk është një nga treguesit e programit.
field-unknown_budget_line = Nuk është një nga zërat e buxhetit të propozimit.
field-wrong_currency = Përdorni monedhën e grantit.
field-negative = Shpenzimet nuk mund të jenë negative.
field-unknown_conflict_kind = Shërbimi nuk njeh një lloj të tillë konflikti interesi.
field-unknown_bid = Zgjidhni: me dëshirë, mundem ose më mirë jo.
field-unknown_role = Shërbimi nuk njeh një rol të tillë.
field-area_required = Ky rol kërkon një vend ose rajon.
field-area_not_allowed = Ky rol nuk kufizohet në një vend ose rajon.
field-all_not_applicable = Vlerësoni të paktën një kriter: jo të gjithë mund të jenë të pazbatueshëm.
field-unknown_criterion = Nuk është kriter i rubrikës së vlerësimit të programit.
field-not_applicable_not_allowed = Ky kriter nuk mund të shënohet si i pazbatueshëm.
field-empty_rubric = Rubrika e vlerësimit ka nevojë për të paktën një kriter.
field-invalid-payment-reference = Jepni referencën e bankës (1 deri në 140 shenja).
field-duplicate = Renditur dy herë: mbani një.
field-duplicate-code = Një program tjetër e ka tashmë këtë kod.
problem-body-too-large = kërkesa është më e madhe se sa pranon kjo adresë
field-required_together = Jepeni këtë bashkë me tjetrin: lloji i objektit dhe identifikuesi i tij shkojnë bashkë.
field-before_the_request = Kjo ditë është para se të kërkohej pagesa: pagesa bëhet pas miratimit të saj.
field-set_by_jury_runners = Këtë e ndryshojnë vetëm menaxherët e programit dhe kryetari i jurisë: prej tij varen konfliktet tuaja të interesit.
field-set_by_administrators = Shteti dhe organizata e vlerësuesit përcaktojnë konfliktet e interesit: i ndryshon një administrator.
problem-second-factor-needed = kjo llogari përdor hyrjen me dy hapa: dërgoni kodin nga aplikacioni i vërtetimit si `code`
problem-second-factor-enrolment-required = roli juaj duhet të përdorë hyrjen me dy hapa: fillimisht konfigurojeni (POST /me/second-factor/enrolment)
problem-second-factor-fresh = { $case ->
        [enrol] ky veprim kërkon hyrjen me dy hapa, të cilën llogaria juaj nuk e ka ende: fillimisht konfigurojeni
       *[step_up] ky veprim kërkon një kod të ri: konfirmoni me të (POST /auth/step-up) dhe provoni përsëri brenda pak minutash
    }
problem-second-factor-already-on = hyrja me dy hapa është tashmë aktive; çaktivizojeni fillimisht për ta konfiguruar përsëri
problem-second-factor-not-started = fillimisht nisni konfigurimin e hyrjes me dy hapa (POST /me/second-factor/enrolment)
problem-second-factor-required-for-role = roli juaj duhet të përdorë hyrjen me dy hapa: ajo nuk mund të çaktivizohet
field-wrong_code = Kodi nuk është i saktë ose është përdorur tashmë. Prisni kodin e radhës në aplikacion dhe provoni përsëri.
problem-admin-only-sessions = vetëm një administrator mund të përfundojë sesionet e një personi tjetër
object-session = sesion
field-wrong_password = Ky nuk është fjalëkalimi juaj aktual.
problem-admin-only-erasure = vetëm një administrator mund të fshijë të dhënat e një personi
problem-already-erased = të dhënat e këtij personi janë fshirë tashmë
problem-erase-yourself = nuk mund të fshini llogarinë tuaj; mund ta bëjë një administrator tjetër
problem-sign-in-provider-failed = hyrja me llogarinë e organizatës suaj dështoi; provoni përsëri ose hyni me adresën e email-it dhe fjalëkalimin tuaj
problem-sign-in-email-unverified = llogaria e organizatës suaj nuk e konfirmoi adresën tuaj të email-it, prandaj nuk mund të lidhet me një llogari këtu; hyni me fjalëkalimin tuaj ose kërkojini organizatës suaj të konfirmojë adresën
problem-sign-in-account-inactive = kjo llogari është çaktivizuar; kërkojini një administratori ta riaktivizojë
object-provider = ofrues i hyrjes
