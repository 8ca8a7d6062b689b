# The jury pages: a programme's jury with the reviewers' profiles, and the
# conflicts of interest on a proposal.

jury-title = Жури
jury-hint = Всички рецензенти в журито на тази програма, с езиците, които четат, областите, които познават, и броя предложения, които имат в момента.
jury-saved = Профилът е запазен.
jury-languages = Езици, които чете
jury-expertise = Области на експертиза
jury-load = Предложения
jury-load-value = Разпределени в момента: { $assigned }; поема от { $min } до { $max }
jury-available = Поема задачи в момента
jury-bids = Интерес
jury-edit-profile = Редактирай профила
jury-empty = В това жури все още няма никого.
jury-add = Добави рецензент
jury-add-email = Имейл адрес на рецензента
jury-add-email-hint = Профилът трябва да има ролята рецензент. Данните на рецензента се попълват от профила; после можете да ги промените.
jury-add-button = Добави към журито
jury-profile-title = Профил на рецензента
jury-assigned-now = { $count ->
    [one] В момента { $count } предложение е разпределено в тази програма.
   *[other] В момента { $count } предложения са разпределени в тази програма.
}
jury-problems = Профилът не е запазен: вижте проблемите до полетата.
jury-expertise-hint = Разделете ги със запетаи, напр. makerspace, дигитална грамотност.
jury-country-hint = Кодът от две букви, напр. BG, или XK за Косово. Оставете празно, ако няма.
jury-max-load = Най-много предложения за рецензиране
jury-max-load-hint = Най-много { $cap }, колкото позволява програмата.
jury-min-load = Най-малко предложения за рецензиране
jury-available-label = Поема задачи в момента
jury-save = Запази профила
jury-conflicts-title = Конфликти на интереси
jury-conflicts-link = Конфликти на интереси
jury-conflicts-hint = Рецензент с действащ конфликт на интереси не получава това предложение и не го вижда.
jury-keepers-only = Ръководителите на програмата записват и отменят конфликти на интереси.
jury-in-force = Действащи
jury-none-in-force = Няма действащи.
jury-lift-reason = Защо не важи
jury-lift = Отмени
jury-recorded = В регистъра
jury-lifted = Отменен
jury-declared = Записан
jury-no-conflicts = Никой рецензент няма конфликт на интереси с това предложение.
jury-declare = Запиши конфликт на интереси за рецензент
jury-choose-reviewer = Изберете рецензент
jury-declare-reason = Причина
jury-declare-button = Запиши конфликта
jury-conflict-lifted = Конфликтът е отменен.
jury-conflict-declared = Конфликтът е записан.
jury-kind-same-organisation = Същата организация
jury-kind-same-country = Същата държава
jury-kind-named-by-applicant = Посочен от кандидата
jury-kind-declared-by-reviewer = Деклариран от рецензента
jury-kind-added-by-manager = Добавен от ръководител на програмата
jury-kind-on-the-team = В екипа на предложението

# Problems the jury's use cases find, by field and code; a problem without
# an entry here is shown in the use case's own words.
jury-problem-languages-required = Изберете поне един език, който рецензентът чете.
jury-problem-languages-unknown-locale = Изберете езиците от списъка.
jury-problem-expertise-invalid-tag = Областта на експертиза има от 1 до 50 знака.
jury-problem-expertise-too-many = Най-много 30 области на експертиза.
jury-problem-country-unknown-country = Това не е код на държава: използвайте две букви, напр. BG.
jury-problem-organisation-too-long = Най-много 200 знака.
jury-problem-max-load-out-of-range = От 0 до { $cap }, колкото позволява програмата.
jury-problem-max-load-not-a-number = Цяло число, напр. 5.
jury-problem-min-load-out-of-range = От 0 до най-многото предложения за рецензиране.
jury-problem-min-load-not-a-number = Цяло число, напр. 2.
jury-problem-email-invalid-email = Това не е имейл адрес.
jury-problem-email-too-long = Имейл адресът има най-много 254 знака.
jury-problem-email-not-a-reviewer = Нито един активен профил с ролята рецензент няма този адрес.
jury-problem-reason-required = Посочете причината; тя се пази в записите.
jury-problem-reason-too-long = Най-много 2000 знака.
jury-problem-reviewer-id-required = Изберете рецензента.
jury-problem-reviewer-id-not-on-the-jury = Лицето не е в журито на тази програма.
jury-problem-kind-not-in-force = Този конфликт вече не е в сила.
jury-conflict-fields-locked = Вашата държава и организация определят кои предложения не можете да оценявате (конфликт на интереси), затова само мениджърите на програмата и председателят на журито ги променят. Пишете им, ако са грешни.
