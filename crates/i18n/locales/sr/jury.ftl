# The jury pages: a programme's jury with the reviewers' profiles, and the
# conflicts of interest on a proposal.

jury-title = Жири
jury-hint = Сваки рецензент у жирију овог програма, са језицима које чита, областима које познаје и бројем предлога које тренутно има.
jury-saved = Профил је сачуван.
jury-languages = Језици које чита
jury-expertise = Области стручности
jury-load = Предлози
jury-load-value = Тренутно додељено: { $assigned }; прихвата од { $min } до { $max }
jury-available = Тренутно прихвата задатке
jury-bids = Интересовање
jury-edit-profile = Уреди профил
jury-empty = У овом жирију још нема никога.
jury-add = Додај рецензента
jury-add-email = Адреса е-поште рецензента
jury-add-email-hint = Налог мора имати улогу рецензента. Профил се попуњава из налога; после га можете изменити.
jury-add-button = Додај у жири
jury-profile-title = Профил рецензента
jury-assigned-now = { $count ->
    [one] У овом програму тренутно је додељен { $count } предлог.
    [few] У овом програму тренутно су додељена { $count } предлога.
   *[other] У овом програму тренутно је додељено { $count } предлога.
}
jury-problems = Профил није сачуван: погледајте проблеме поред поља.
jury-expertise-hint = Одвојите их зарезима, нпр. makerspace, дигитална писменост.
jury-country-hint = Шифра од два слова, нпр. RS, или XK за Косово. Оставите празно ако нема.
jury-max-load = Највише предлога за оцењивање
jury-max-load-hint = Највише { $cap }, колико дозвољава програм.
jury-min-load = Најмање предлога за оцењивање
jury-available-label = Тренутно прихвата задатке
jury-save = Сачувај профил
jury-conflicts-title = Сукоби интереса
jury-conflicts-link = Сукоби интереса
jury-conflicts-hint = Рецензент са важећим сукобом интереса не добија овај предлог и не види га.
jury-keepers-only = Менаџери програма евидентирају и укидају сукобе интереса.
jury-in-force = Важећи
jury-none-in-force = Нема важећих.
jury-lift-reason = Зашто не важи
jury-lift = Укини
jury-recorded = У евиденцији
jury-lifted = Укинут
jury-declared = Евидентиран
jury-no-conflicts = Ниједан рецензент нема сукоб интереса са овим предлогом.
jury-declare = Евидентирај сукоб интереса за рецензента
jury-choose-reviewer = Изаберите рецензента
jury-declare-reason = Разлог
jury-declare-button = Евидентирај сукоб интереса
jury-conflict-lifted = Сукоб интереса је укинут.
jury-conflict-declared = Сукоб интереса је евидентиран.
jury-kind-same-organisation = Иста организација
jury-kind-same-country = Иста држава
jury-kind-named-by-applicant = Навео подносилац пријаве
jury-kind-declared-by-reviewer = Пријавио рецензент
jury-kind-added-by-manager = Додао менаџер програма
jury-kind-on-the-team = У тиму предлога

# Problems the jury's use cases find, by field and code; a problem without
# an entry here is shown in the use case's own words.
jury-problem-languages-required = Изаберите бар један језик који рецензент чита.
jury-problem-languages-unknown-locale = Изаберите језике са списка.
jury-problem-expertise-invalid-tag = Област стручности има од 1 до 50 знакова.
jury-problem-expertise-too-many = Највише 30 области стручности.
jury-problem-country-unknown-country = Ово није шифра државе: користите два слова, нпр. RS.
jury-problem-organisation-too-long = Највише 200 знакова.
jury-problem-max-load-out-of-range = Између 0 и { $cap }, колико дозвољава програм.
jury-problem-max-load-not-a-number = Цео број, нпр. 5.
jury-problem-min-load-out-of-range = Између 0 и највећег броја предлога за оцењивање.
jury-problem-min-load-not-a-number = Цео број, нпр. 2.
jury-problem-email-invalid-email = Ово није адреса е-поште.
jury-problem-email-too-long = Адреса е-поште има највише 254 знака.
jury-problem-email-not-a-reviewer = Ниједан активан налог са улогом рецензента нема ову адресу.
jury-problem-reason-required = Наведите разлог; чува се у евиденцији.
jury-problem-reason-too-long = Највише 2000 знакова.
jury-problem-reviewer-id-required = Изаберите рецензента.
jury-problem-reviewer-id-not-on-the-jury = Ова особа није у жирију овог програма.
jury-problem-kind-not-in-force = Овај сукоб интереса више не важи.
jury-conflict-fields-locked = Ваша држава и организација одређују које предлоге не смете да оцењујете (сукоб интереса), па их мењају само менаџери програма и председник жирија. Пишите им ако су погрешни.
