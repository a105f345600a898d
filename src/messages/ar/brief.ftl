# رسائل عن الموجز: قراءة ملفه، وصياغة TOML فيه، وكل فحص لمحتواه.
# المتغيرات: ‎$name‎ اسم المفتاح الكامل (`brief.title`)، و‎$key‎ المفتاح وحده.

hint = تلميح: { $hint }

## موضع المفتاح ونوع القيمة

place-top-level = في أعلى الملف
place-in-table = في `{ $table }`
kind-string = نصًّا
kind-number = رقمًا
kind-boolean = true أو false
kind-date = تاريخًا
kind-list = قائمةً
kind-table = جدولًا
kind-list-of-tables = قائمةَ جداول
kind-list-of-strings = قائمةَ نصوص
kind-string-or-table = نصًّا أو جدولًا
kind-date-without-time = تاريخًا فقط دون ساعة
kind-date-not-time = تاريخًا لا ساعةً من اليوم
example-table-header = {"["}{ $key }] في سطر وحده
example-date = `{ $key } = 2025-09-21` (بلا علامات تنصيص)
example-date-in-digits = `{ $key } = { $date }`، بالأرقام 0-9 وبلا علامات تنصيص (يطبع المنفذ الأرقام بالشكل العربي الهندي إذا ضبط `digits = "arabic-indic"` تحت [locale])
example-text = "…" أو """…""" للنص ذي الفقرات
example-point = "…" أو {"{"} title = "…", text = "…" {"}"}

## المفاتيح والقيم

unknown-key = مفتاح غير معروف `{ $key }` { $place }
hint-did-you-mean = هل تقصد `{ $suggestion }`؟
hint-known-keys = المفاتيح المعروفة { $place }: { $keys }
missing-table = الجدول المطلوب `[{ $key }]` غير موجود
missing-key = المفتاح المطلوب `{ $key }` غير موجود
hint-add-it =
    أضفه، مثلًا:
    { $example }
wrong-type = يجب أن تكون قيمة `{ $name }` { $expected }، لا { $found }
should-be = يجب أن تكون قيمة `{ $name }` { $expected }
hint-write-it-like = اكتبها هكذا: { $example }
too-many-entries = في `{ $name }` { $count } من المدخلات، والحد الأقصى في الموجز { $max }
hint-too-many-entries = قسّم الموجز، أو أبقِ أهمها
field-too-long = في `{ $name }` { $chars } من الأحرف، والحد الأقصى للحقل الواحد { $max }
hint-field-too-long = وزّع النص على عدة نقاط أو فقرات
empty-field = `{ $name }` فارغ
hint-write-some-text = اكتب فيه نصًّا
not-a-real-date = `{ $name }` ليس تاريخًا حقيقيًّا
hint-real-date = تحقق من الشهر واليوم
unsupported-lang = اللغة `{ $lang }` غير مدعومة
hint-supported-langs = اللغات المدعومة: { $langs } (والعربية هي الافتراضية)
unknown-outlet = لا يوجد منفذ باسم `{ $outlet }`
hint-outlet-did-you-mean = هل تقصد `{ $suggestion }`؟ المنافذ المتاحة: { $outlets }
hint-available-outlets = المنافذ المتاحة: { $outlets }
bad-id = `{ $id }` لا يصلح معرّفًا
hint-bad-id = استعمل الحروف والأرقام و`-` و`_` و`.` و`:`، مثل `egypt-pakistan-2025-09`
hint-add-a-point = أضف نقطة واحدة على الأقل: points = ["…"]
duplicate-source = المعرّف `{ $id }` مستعمل من قبل للمصدر رقم { $first }
hint-duplicate-source = اجعل لكل مصدر معرّفًا خاصًّا به
hint-source-url = اكتب العنوان كاملًا، مثل "https://example.org/article"

## قراءة الملف

is-a-directory = هذا مجلد، لا ملف موجز
hint-is-a-directory = اذكر مسار ملف موجز `.toml` داخله
no-such-file = الملف غير موجود
hint-no-such-file = تحقق من المسار؛ والأمر `mujaz new PATH` ينشئ موجزًا جديدًا
cannot-read-file = تعذرت قراءة الملف: { $detail }
not-a-regular-file = هذا ليس ملفًّا عاديًّا (بل جهاز أو أنبوب أو مقبس)
hint-not-a-regular-file = اذكر مسار ملف موجز `.toml`
brief-too-large = حجم الملف { $size } ميغابايت، والحد الأقصى لحجم الموجز { $max } ميغابايت
hint-right-file = هل هذا هو الملف المقصود؟
file-is-utf16 = الملف محفوظ بترميز UTF-16 ({ $order ->
        [little] البايت الأصغر أولًا
       *[big] البايت الأكبر أولًا
    })، لا بترميز UTF-8
hint-save-as-utf8 = احفظه بترميز UTF-8 في محررك (في المفكرة: حفظ باسم ← الترميز: UTF-8)؛ فالموجزات لا تُقرأ إلا بترميز UTF-8
not-utf8 = الملف ليس نصًّا بترميز UTF-8 (بايت غير صالح في السطر { $line }، العمود { $column }؛ موضعه { $offset } بالبايت)
hint-not-utf8 = احفظ الموجز بترميز UTF-8 في محررك (كثيرًا ما تحفظ برامج ويندوز القديمة الملفات العربية بترميز Windows-1256)

## صياغة TOML: نوع الخطأ بكلماتنا، وتفصيله بلغة المحلل في الخطأ العام وحده

toml-syntax = خطأ في صياغة TOML: { $detail }
toml-control-character = حرف غير مرئي في موضع لا يجوز فيه
toml-bad-escape = شرطة مائلة عكسية لا يتبعها تسلسل هروب صالح
toml-bad-date = تاريخ غير صالح
toml-duplicate-key = مفتاح مكرر
toml-unquoted = نص بلا علامات تنصيص
toml-unclosed-string = نص لم تُغلق علامة تنصيصه
toml-arabic-comma = فاصلة عربية بين عناصر قائمة
toml-curly-quotes = نص بين علامتي تنصيص غير مستقيمتين (“ ” أو « »)، وTOML لا يقبل إلا المستقيمتين " "
toml-date-in-arabic-digits = تاريخ بالأرقام العربية الهندية، وTOML لا يقرأ التواريخ إلا بالأرقام 0-9
toml-unreadable-value = قيمة لا يقرؤها TOML: ليست تاريخًا صحيح الكتابة ولا نصًّا بين علامتي تنصيص
hint-toml-control-character = هنا حرف غير مرئي (U+{ $code })، كثيرًا ما يُلصق مع نص منسوخ: احذفه
hint-toml-bad-escape = داخل "…" تبدأ الشرطة المائلة العكسية تسلسل هروب: اكتب `\\` للشرطة نفسها (و`\\*` للنجمة الحرفية في النص)، أو استعمل '…' أو '''…''' حيث تبقى الشرطة كما هي
hint-toml-bad-date = اكتب التاريخ سنة-شهر-يوم بشهر ويوم حقيقيين، مثل `date = 2025-09-21`
hint-toml-duplicate-key = `{ $key }` مذكور مرتين: أبقِ واحدًا (والجدول مثل [brief] يُكتب مرة واحدة)
hint-toml-curly-quotes = يحتاج النص في TOML إلى علامتي تنصيص مستقيمتين حوله: title = "…"؛ أما “ ” و« » فمكانها داخله
hint-toml-date-in-digits = اكتب التاريخ بالأرقام 0-9 هكذا `{ $date }` (بلا علامات تنصيص)؛ ويطبعه المنفذ بالأرقام العربية الهندية إذا ضبط `digits = "arabic-indic"` تحت [locale]. أما سائر النصوص فبين علامتي تنصيص
hint-toml-date-form = اكتب التاريخ هكذا `2025-09-21` (بلا علامات تنصيص، وبشرطات لا بخطوط مائلة)؛ وضع سائر النصوص بين علامتي تنصيص
hint-toml-quote-text = ضع النص بين علامتي تنصيص مزدوجتين: key = "…"
hint-toml-arabic-comma = تُفصل عناصر القائمة بالفاصلة اللاتينية `,` لا بالفاصلة العربية `،`: `tags = ["مصر", "باكستان"]`
hint-toml-close-string = أغلق النص بعلامة `"` في السطر نفسه، أو استعمل """…""" للنص الممتد على أسطر
hint-see-format = راجع صيغة الموجز في ملف README

## النص وتنسيقه

joined-paragraphs = `{ $name }` فقرة واحدة: السطر الفارغ فيه يُطبع مسافة
hint-joined-paragraphs = احذف السطر الفارغ؛ فالفقرات المتعددة مكانها نص الخبر والخلفية ونقاط التعقيب
more-inline-problems = في `{ $name }` { $count } من المشكلات الأخرى المشابهة لما سبق
hint-fix-those-first = أصلح ما سبق أولًا، ثم افحص من جديد
unclosed-emphasis = `{ $delim }` في `{ $name }` لم يُغلق
hint-unclosed-emphasis = أغلقه بعلامة `{ $delim }` أخرى؛ والنجمة التي ليست تنسيقًا تُكتب `\\*` داخل "…" (و`\*` داخل '…' أو '''…''')
unclosed-bracket = القوس `[` في `{ $name }` لم يُغلق
hint-unclosed-bracket = أغلقه بـ`]`، أو اكتب `\[` لقوس يُطبع كما هو
unclosed-link = عنوان الرابط في `{ $name }` لم يُغلق
hint-unclosed-link = اكتب الروابط هكذا: [نص الرابط](https://…)؛ ينتهي العنوان عند `)` ولا مسافات فيه (اكتب %20 مكانها)
hint-link-address = اكتب العنوان كاملًا، مثل [نص الرابط](https://example.org)
empty-link-label = رابط في `{ $name }` بلا نص يظهر للقارئ، فسيختفي من الصفحة
hint-empty-link-label = ضع الكلمات التي يُنقر عليها بين القوسين: [بيان الوزارة](https://…)
bad-citation = `[@{ $id }]` ليست إحالة صالحة
hint-bad-citation = أحِل إلى المصدر بمعرّفه، مثل [@reuters-2025]
url-empty = الرابط بلا عنوان
url-has-space = في العنوان `{ $url }` مسافة؛ اكتبها %20
url-scheme = `{ $url }` ليس عنوانًا من نوع http أو https أو mailto
url-no-address = لا عنوان بعد `{ $scheme }` في `{ $url }`
url-invalid = `{ $url }` ليس عنوانًا صالحًا

## الحروف

control-character = حرف تحكم U+{ $code } في النص{ $more ->
        [0] {""}
        [one] {" "}(ومعه حرف آخر مثله)
        [two] {" "}(ومعه حرفان آخران مثله)
       *[other] {" "}(ومعه { $more } من أمثاله)
    }
hint-direction-override = علامات فرض الاتجاه تسري على ما بعدها من النص؛ لإبقاء مقطع لاتيني متماسكًا أحِطه بعلامتي العزل U+2066…U+2069، أو احذف العلامة
hint-control-character = احذفه: حروف التحكم غير المرئية تُطبع مربعات أو تفسد التخطيط
stacked-marks = حرف واحد هنا يحمل { $count } من المحارف (علامات مركّبة)، والحد الأقصى للحرف الواحد { $max }
hint-stacked-marks = احذف العلامات المتراكبة: لا تحتاج كتابةٌ إلى هذا العدد منها على حرف واحد، وتخطيطها يستهلك ذاكرة تنمو بمربع عددها
word-too-long = كلمة من { $length } من الأحرف بلا مسافة فيها، والحد الأقصى لطول الكلمة { $max }
hint-word-too-long = ضع المسافات بين الكلمات؛ فتقسيم سلسلة بهذا الطول على الأسطر يستغرق وقتًا ينمو بمربع طولها
unclosed-isolate = علامة العزل U+{ $code } لم تُغلق في هذا النص
hint-unclosed-isolate = أنهِها بعلامة إنهاء العزل U+2069؛ فعلامة العزل المفتوحة تعيد ترتيب كل ما بعدها
missing-glyph = { $count ->
        [one] لا يرسم أيٌّ من الخطوط المضمّنة { $listed }
       *[other] لا يرسم أيٌّ من الخطوط المضمّنة { $count } من الحروف هنا: { $listed }{ $more ->
            [0] {""}
           *[other] {" "}و{ $more } غيرها
        }
    }
hint-missing-glyph = { $count ->
        [one] سيُطبع مربعًا فارغًا؛ الخطوط التي جُرّبت: { $fonts }. استبدل هذا الحرف
       *[other] ستُطبع مربعات فارغة؛ الخطوط التي جُرّبت: { $fonts }. استبدل هذه الحروف
    }

## الإحالات

unknown-citation = لا يوجد مصدر معرّفه `{ $id }`
hint-did-you-mean-citation = هل تقصد `[@{ $suggestion }]`؟
hint-add-a-source = أضف مصدرًا: [[sources]] id = "{ $id }" title = "…"
hint-add-or-cite = أضف مدخلًا في [[sources]] فيه id = "{ $id }"، أو أحِل إلى أحد هذه المصادر: { $known }
uncited-source = لا إحالة في النص إلى المصدر `{ $id }`
hint-uncited-source = أحِل إليه في النص بـ[@{ $id }]، أو احذف معرّفه

## الصيغة الثانية: الحالة والحظر والأرقام والاقتباسات والحواشي

bad-status = حالة غير معروفة `{ $status }`
hint-status = الموجز إما "draft" (مسودة تُعلَّم كل صفحاتها) وإما "final" (نهائي، وهو الافتراضي)
kind-datetime-with-offset = تاريخًا ووقتًا مع فرق التوقيت عن UTC
example-embargo = `embargo = 2025-09-22T06:00:00+03:00` (بلا علامات تنصيص)
facts-count = في مربع الأرقام { $count ->
        [one] رقم واحد
        [two] رقمان
        [few] { $count } أرقام
        [many] { $count } رقمًا
       *[other] { $count } رقم
    }، والمربع يتسع لما بين { $min } و{ $max }
hint-facts-count = أبقِ الأرقام التي ينبغي أن يتذكرها القارئ؛ والرقم الواحد مكانه النص
unknown-after = `{ $name }`: `{ $value }` ليس قسمًا من أقسام الموجز
bad-note-reference = `[^{ $id }]` ليست إحالة صالحة إلى حاشية
hint-bad-note-reference = أحِل إلى الحاشية بمفتاحها تحت [notes]، مثل [^1]
bad-note-key = `{ $id }` لا يصلح مفتاحًا لحاشية
hint-bad-note-key = استعمل الحروف والأرقام و`-` و`_`، مثل 1 = "…"
unknown-note = لا توجد حاشية مفتاحها `{ $id }`
hint-did-you-mean-note = هل تقصد `[^{ $suggestion }]`؟
hint-add-a-note = أضفها تحت [notes]: { $id } = "…"
unused-note = لا إحالة في النص إلى الحاشية `{ $id }`
hint-unused-note = أحِل إليها في النص بـ[^{ $id }]، أو احذفها

## الأشكال

duplicate-figure = شكلان يحملان المعرّف `{ $id }`
hint-duplicate-figure = اجعل لكل شكل معرّفًا خاصًّا به
figure-outside-folder = `{ $file }` ليس مسارًا داخل مجلد الموجز
hint-figure-outside-folder = ضع الصورة في مجلد الموجز (أو في مجلد داخله مثل `images/`) واذكر مسارها منه، مثل "images/map.svg"
figure-not-found = لا يوجد ملف `{ $file }` بجانب الموجز
hint-figure-not-found = المسار نسبةً إلى مجلد الموجز، مثل "images/map.svg"
figure-symlink = المسار `{ $file }` يمر برابط رمزي
hint-figure-symlink = انسخ الصورة نفسها إلى مجلد الموجز
figure-not-a-file = `{ $file }` ليس ملفًّا عاديًّا
figure-too-large = حجم `{ $file }` أكبر من { $max } ميغابايت
figure-not-an-image = `{ $file }` ليس صورة PNG أو JPEG أو GIF أو WebP أو SVG
hint-figure-kinds = ضع ملف PNG أو JPEG أو GIF أو WebP أو SVG
figure-svg-outside = صورة SVG `{ $file }` تشير إلى `{ $reference }` خارجها
hint-figure-svg-outside = لا تعرض صورة SVG إلا ما تحمله: ضمّن الصورة التي تستعملها (في عنوان data:) أو احذف الإشارة
figure-undecodable = تعذرت قراءة `{ $file }` صورةً: { $detail }
unknown-figure = لا يوجد شكل معرّفه `{ $id }`
hint-did-you-mean-figure = هل تقصد `[@fig:{ $suggestion }]`؟
hint-add-a-figure = أضف شكلًا: [[figures]] id = "{ $id }" file = "…" alt = "…"
hint-known-figures = الأشكال: { $known }
unreferenced-figure = لا إحالة في النص إلى الشكل `{ $id }`
hint-unreferenced-figure = أحِل إليه في النص بـ[@fig:{ $id }]، أو احذفه
rgb-figure = النسخة المطبوعة تحمل صورة RGB `{ $file }` كما هي
hint-rgb-figure = ستحوّلها المطبعة إلى CMYK للطباعة وقد تتغير ألوانها؛ للحصول على ألوان راجعتها بنفسك ضع الشكل صورةَ JPEG بنظام CMYK
hint-figure-undecodable = قد يكون الملف تالفًا أو محفوظًا بصيغة فرعية لا يقرؤها Typst: افتحه في برنامج لتحرير الصور واحفظه من جديد بصيغة PNG أو JPEG
bad-figure-id = `{ $id }` لا يصلح معرّفًا لشكل
hint-bad-figure-id = استعمل الحروف والأرقام و`-` و`_` و`.` (بلا `:`)؛ فالنص يحيل إليه بـ[@fig:id]، مثل id = "map"
embargo-needs-offset = في `{ $name }` تاريخ ووقت بلا فرق التوقيت عن UTC
hint-embargo-offset = أضف فرق توقيت المنطقة التي يُقصد بها الحظر، مثل `embargo = 2025-09-22T06:00:00+03:00`
hint-rgb-svg-figure = يكتب Typst ألوان صورة SVG بنظام RGB، وتحوّلها المطبعة للطباعة: راجعها في بروفة، أو ضع الشكل صورةَ JPEG بنظام CMYK حيث يجب أن تكون دقيقة

## النشرات

reference-in-bulletin = ليس للنشرة مصادر ولا حواشٍ خاصة بها
hint-reference-in-bulletin = أحِل إلى المصادر والحواشي في الموجز الذي يستعملها؛ نص النشرة نفسها هو العنوان وكلمة التحرير
hint-issue-number = اكتبه هكذا: `number = 142`، أو احذفه لنشرة بلا رقم
hint-add-briefs = اذكر الموجزات بالترتيب الذي تظهر به، مثل `briefs = ["../briefs/first.toml", "../briefs/second.toml"]`
no-brief-file = لا يوجد ملف موجز في `{ $entry }`
hint-no-brief-file = المسارات نسبية إلى مجلد النشرة (`{ $folder }`)؛ تحقق من الاسم
empty-brief-folder = المجلد `{ $entry }` لا يحوي ملفات موجزات (`*.toml`)
pattern-matches-nothing = النمط `{ $entry }` لا يطابق أي ملف موجز
hint-pattern = الأنماط نسبية إلى مجلد النشرة (`{ $folder }`)، مثل `../briefs/2025-09-*.toml`
bad-pattern = `{ $entry }` ليس نمطًا يستطيع mujaz قراءته: { $detail }
entry-is-a-bulletin = `{ $entry }` نشرة وليس موجزًا
hint-entry-is-a-bulletin = النشرة تجمع موجزات؛ اذكر هنا موجزات تلك النشرة بدلًا منها
duplicate-brief = `{ $file }` موجود في هذه النشرة من قبل (من `{ $first }`)
hint-duplicate-brief = يظهر الموجز مرة واحدة في العدد؛ احذف أحد المدخلين
too-many-bulletin-briefs = تذكر النشرة { $count } موجزًا؛ والحد الأقصى للعدد الواحد { $max }
hint-too-many-bulletin-briefs = قسّمها على عدة نشرات
cannot-read-brief = تعذرت قراءة `{ $file }`: { $detail }
outlet-in-bulletin = يذكر هذا الموجز المنفذ `{ $outlet }`؛ وفي النشرة يُخرجه المنفذ `{ $bulletin }`
hint-outlet-in-bulletin = للعدد تصميم واحد: احذف `outlet` من الموجز، أو ابنِ النشرة بالخيار `--outlet`
draft-in-bulletin = هذا الموجز مسودة: صفحاته في النشرة تحمل علامة المسودة
hint-draft-in-bulletin = اجعل `status = "final"` حين يكتمل، أو أخرجه من هذا العدد
embargo-after-bulletin = هذا الموجز محظور نشره حتى { $embargo }، بعد تاريخ النشرة ({ $date })
hint-embargo-after-bulletin = انشره في عدد لاحق، أو تحقق من تاريخ الحظر
draft-on-site = هذا الموجز مسودة: صفحته وملفه على الموقع يحملان علامة المسودة
hint-draft-on-site = اجعل `status = "final"` حين يكتمل، أو ابنِ الموقع من دونه
embargo-on-site = هذا الموجز محظور نشره حتى { $embargo }، والموقع يصير علنيًّا حين يُرفع
hint-embargo-on-site = ابنِ الموقع من دونه حتى ذلك الحين (الخيار `--deny-warnings` يُبقي مثل هذه الموجزات خارج الموقع)
kind-whole-number = عددًا صحيحًا
bad-issue-number-range = يجب أن يكون `{ $name }` عددًا صحيحًا من ١ إلى { $max }
