# Страниците на жирито: жирито на програмата со профилите на оценувачите,
# и судирите на интереси на еден предлог.

jury-title = Жири
jury-hint = Секој оценувач во жирито на оваа програма, со тоа што го чита и знае, и колку предлози има сега.
jury-saved = Профилот е зачуван.
jury-languages = Јазици што ги чита
jury-expertise = Области на стручност
jury-load = Предлози
jury-load-value = { $assigned } доделени сега; презема од { $min } до { $max }
jury-available = Презема распределби сега
jury-bids = Интерес
jury-edit-profile = Уреди го профилот
jury-empty = Сè уште нема никој во ова жири.
jury-add = Додај оценувач
jury-add-email = Е-пошта на оценувачот
jury-add-email-hint = Сметката мора да ја има улогата оценувач. Профилот тргнува од сметката; потоа можете да го промените.
jury-add-button = Додај во жирито
jury-profile-title = Профил на оценувач
jury-assigned-now = { $count ->
    [one] { $count } предлог доделен сега во оваа програма.
   *[other] { $count } предлози доделени сега во оваа програма.
}
jury-problems = Профилот не е зачуван: видете ги проблемите покрај полињата.
jury-expertise-hint = Одделете ги со запирки, на пр. makerspace, дигитална писменост.
jury-country-hint = Кодот од две букви, на пр. MK, или XK за Косово. Оставете празно ако нема.
jury-max-load = Најмногу предлози за оценување
jury-max-load-hint = Најмногу { $cap }, колку што дозволува програмата.
jury-min-load = Најмалку предлози за оценување
jury-available-label = Презема распределби сега
jury-save = Зачувај го профилот
jury-conflicts-title = Судири на интереси
jury-conflicts-link = Судири на интереси
jury-conflicts-hint = Оценувач со судир на интереси на сила не го добива овој предлог и не го гледа.
jury-keepers-only = Менаџерите на програмата запишуваат и укинуваат судири.
jury-in-force = На сила
jury-none-in-force = Ниту еден на сила.
jury-lift-reason = Зошто не важи
jury-lift = Укини
jury-recorded = Во евиденцијата
jury-lifted = Укинат
jury-declared = Запишан
jury-no-conflicts = Ниту еден оценувач нема судир на интереси со овој предлог.
jury-declare = Запиши судир на интереси за оценувач
jury-choose-reviewer = Изберете оценувач
jury-declare-reason = Причина
jury-declare-button = Запиши го судирот
jury-conflict-lifted = Судирот е укинат.
jury-conflict-declared = Судирот е запишан.
jury-kind-same-organisation = Иста организација
jury-kind-same-country = Иста држава
jury-kind-named-by-applicant = Именуван од апликантот
jury-kind-declared-by-reviewer = Пријавен од оценувачот
jury-kind-added-by-manager = Додаден од менаџер на програма
jury-kind-on-the-team = Во тимот на предлогот

# Проблеми што ги наоѓаат случаите на употреба на жирито, по поле и код;
# проблем без запис тука се прикажува со зборовите на случајот на употреба.
jury-problem-languages-required = Изберете барем еден јазик што оценувачот го чита.
jury-problem-languages-unknown-locale = Изберете ги јазиците од списокот.
jury-problem-expertise-invalid-tag = Областа на стручност има од 1 до 50 знаци.
jury-problem-expertise-too-many = Најмногу 30 области на стручност.
jury-problem-country-unknown-country = Ова не е код на држава: користете две букви, на пр. MK.
jury-problem-organisation-too-long = Најмногу 200 знаци.
jury-problem-max-load-out-of-range = Од 0 до { $cap }, колку што дозволува програмата.
jury-problem-max-load-not-a-number = Цел број, на пр. 5.
jury-problem-min-load-out-of-range = Од 0 до најмногу предлози за оценување.
jury-problem-min-load-not-a-number = Цел број, на пр. 2.
jury-problem-email-invalid-email = Ова не е адреса на е-пошта.
jury-problem-email-too-long = Адресата на е-пошта има најмногу 254 знаци.
jury-problem-email-not-a-reviewer = Ниту една активна сметка со улогата оценувач ја нема оваа адреса.
jury-problem-reason-required = Наведете ја причината; се чува во евиденцијата.
jury-problem-reason-too-long = Најмногу 2000 знаци.
jury-problem-reviewer-id-required = Изберете го оценувачот.
jury-problem-reviewer-id-not-on-the-jury = Лицето не е во жирито на оваа програма.
jury-problem-kind-not-in-force = Овој судир веќе не е на сила.
jury-conflict-fields-locked = Вашата држава и организација одредуваат кои предлози не смеете да ги оценувате (судир на интереси), па само менаџерите на програмата и претседателот на жирито ги менуваат. Пишете им ако се погрешни.
