# ما تطبعه الأوامر: سطر لكل موجز، والخلاصة، وأسطر الأوامر new وoutlet وwatch وpreview.
# تُعرض المسارات كما كُتبت في سطر الأوامر.

error-line = خطأ: { $line }
built = بُني { $output } من { $brief } ({ $pages ->
        [one] صفحة واحدة
        [two] صفحتان
        [few] { $pages } صفحات
        [many] { $pages } صفحةً
       *[other] { $pages } صفحة
    })
built-files = بُني { $first } … { $last } من { $brief } (ملف لكل صفحة، { $files } من الملفات)
timings = المدد: القراءة { $load } · الفحص { $validate } · التنضيد { $render } · التصدير { $export } · الكتابة { $write }
skipped = تُرك { $output } كما هو، فالموجز { $brief } لم يتغير (والخيار ‎--force يعيد بناءه)
cannot-build = تعذر بناء `{ $brief }` ({ $problems })؛ ولم يُكتب شيء
brief-has-problems = في `{ $brief }` { $problems }
summary = { $verb ->
        [checked] اجتاز الفحص
       *[built] بُني
    } { $done } من { $total } { $total ->
        [one] موجز
        [two] موجزين
        [few] موجزات
        [many] موجزًا
       *[other] موجز
    }{ $skipped ->
        [0] {""}
        [one] ، وتُرك واحد منها لم يتغير
        [two] ، وتُرك اثنان منها لم يتغيرا
       *[other] ، وتُرك منها { $skipped } لم تتغير
    }{ $failed ->
        [0] {""}
       *[other] ؛ وأخفق: { $names }
    } في { $seconds } ث
peak-memory = أقصى استهلاك للذاكرة: { $peak }
count-errors = { $count ->
        [one] خطأ واحد
        [two] خطآن
        [few] { $count } أخطاء
        [many] { $count } خطأً
       *[other] { $count } خطأ
    }
count-warnings = { $count ->
        [one] تحذير واحد
        [two] تحذيران
        [few] { $count } تحذيرات
        [many] { $count } تحذيرًا
       *[other] { $count } تحذير
    }
count-warnings-denied = { $warnings }، وقد مُنعت التحذيرات بالخيار ‎--deny-warnings
count-both = { $errors } و{ $warnings }
no-briefs-found = لم يُعثر على أي موجز (يُبحث في المجلدات عن ملفات ‎*.toml)

## أخطاء في استدعاء الأمر

bad-source-date-epoch = قيمة SOURCE_DATE_EPOCH هي `{ $value }`، وليست عددًا من الثواني منذ 1970-01-01
bad-pages = ‎--pages: { $problem }
not-a-page-number = `{ $text }` ليس رقم صفحة (تبدأ الصفحات من 1)
no-pages-given = اذكر الصفحات هكذا `1` أو `1-2` أو `2-`
bad-ppi = يجب أن تكون قيمة ‎--ppi بين 1 و2400
bad-timeout = يجب أن تكون قيمة ‎--timeout عددًا موجبًا من الثواني
bad-memory-limit = يجب أن تكون قيمة ‎--memory-limit عددًا موجبًا من الميغابايتات
output-overwrites-brief = ‎-o { $output } سيكتب فوق موجز؛ اذكر ملفًّا بامتداد ‎.{ $extension }{ $extension ->
        [json] {""}
       *[other] {" "}أو مجلدًا
    }
bad-output-pattern = ‎--output-pattern: { $problem }
output-names-a-file = ‎-o { $output } اسم ملف ‎.{ $extension }، لكن { $why }؛ اذكر مجلدًا (مثل `-o out/`)
why-pattern-needs-folder = الخيار ‎--output-pattern يسمّي ملفات داخل مجلد
why-several-briefs = الأمر يبني { $count } من الموجزات
batch-worker-failed = عملية البناء: { $detail }
cannot-write-data = تعذرت كتابة البيانات: { $detail }
cannot-write-manual = تعذرت كتابة صفحة الدليل: { $detail }

## الأوامر new وoutlet new وwatch وpreview

created = أُنشئ { $path }
created-schema = أُنشئ { $path } (تستعمله المحررات التي تدعم TOML لإكمال المفاتيح وفحصها)
build-it-with = ابنِه بالأمر: mujaz build { $path }
outlet-created = أُنشئ المنفذ `{ $name }` في { $folder } (نسخةً من `{ $from }`)
outlet-created-next =
    عدّل { $folder }/outlet.toml، ثم ابنِ بالأمر: mujaz build BRIEF.toml
    (اكتب `outlet = "{ $name }"` في الموجز؛ ومجلد `templates/` بجانب الموجز يُعثر عليه تلقائيًّا)
watching = مراقبة { $brief } (اضغط Ctrl-C للإيقاف)
waiting-for-change = في انتظار تغيير في الموجز أو منفذه
rebuilt-in = بُني { $output } من { $brief } في { $ms } ملّي ثانية
watch-failed = في `{ $brief }` { $problems }؛ وبقي آخر ملف PDF سليم
watch-restarting = إعادة تشغيل عملية المراقبة لإنهاء القالب الموقوف؛ وبقي آخر ملف PDF سليم
watch-abandoned = توقفت المراقبة: أصلح القالب، ثم شغّل `mujaz watch` من جديد
preview-ready = معاينة { $brief } على { $url } (اضغط Ctrl-C للإيقاف)
preview-rebuilt = أُعيد بناء { $brief }
supervised-ended = أنهى الحفظ الأخير عملية mujaz (الإشارة { $signal }: تعطّل Typst تعطلًا لا يُتدارك، أو أوقفها النظام)؛ يبدأ من جديد، { $kept }
kept-same-address = على العنوان نفسه
kept-last-good-pdf = وبقي آخر ملف PDF سليم
preview-not-a-brief = `{ $brief }` ليس ملف موجز (تحقق من المسار؛ والأمر `mujaz new PATH` ينشئ موجزًا)
preview-cannot-start = تعذر بدء خادم المعاينة
preview-template-stopped = أوقف الحفظ الأخير القالب (لتجاوزه حد الوقت أو الذاكرة، أو لتعطل لا يتداركه Typst). أصلح القالب أو الموجز واحفظ من جديد.
preview-abandoned = أُوقف القالب (لتجاوزه حد الوقت أو الذاكرة) لكنه ما زال يعمل داخل mujaz؛ فتوقفت المعاينة: أصلح القالب، ثم شغّل `mujaz preview` من جديد

## صفحة المعاينة

preview-title = معاينة mujaz
preview-hint = تلميح:
preview-build = البناء
preview-stopped = توقفت معاينة mujaz
preview-page = الصفحة
preview-error = خطأ
preview-warning = تحذير

## حين يتعذر على new وoutlet new وwatch أداء عملها

new-exists = `{ $path }` موجود من قبل؛ والأمر mujaz new لا يكتب فوق ملف أبدًا
new-not-toml = يجب أن ينتهي `{ $path }` بالامتداد ‎.toml
new-unknown-outlet = لا يوجد منفذ باسم `{ $outlet }`؛ المنافذ المتاحة: { $outlets }
cannot-create = تعذر إنشاء `{ $path }`
scaffold-unknown-base = لا يوجد منفذ مدمج باسم `{ $from }`؛ المنافذ المدمجة: { $outlets }
scaffold-bad-name = `{ $name }` لا يصلح اسمًا لمنفذ: استعمل الحروف والأرقام و`-` و`_`
scaffold-exists = `{ $folder }` موجود من قبل؛ اختر اسمًا آخر أو احذفه أولًا
cannot-watch-system = تعذرت مراقبة الملفات على هذا النظام
cannot-watch = تعذرت مراقبة `{ $path }`

## أنماط أسماء الملفات، وقائمة المنافذ، والوحدات

pattern-unclosed-brace = قوس `{"{"}` بلا `{"}"}`
pattern-unknown-placeholder = خانة غير معروفة `{ $placeholder }`؛ استعمل { $known }
pattern-no-file-name = يجب أن ينتهي النمط باسم ملف، مثل "{"{"}lang{"}"}/{"{"}id{"}"}"
outlet-list-builtin = مدمج
outlet-list-overrides = (يحل محل المنفذ المدمج بالاسم نفسه)
outlet-list-fonts = الخطوط: { $fonts }
outlet-list-fonts-unreadable = الخطوط: (تعذرت قراءتها؛ والأمر `mujaz check` يذكر السبب)
unit-ms = { $ms } ملّي ثانية
unit-mb = { $mb } ميغابايت

## الاستيراد

import-failed = تعذر استيراد `{ $draft }`: { $problem }
import-exists = `{ $path }` موجود من قبل؛ والأمر `mujaz import` لا يكتب فوق ملف أبدًا (اذكر اسمًا آخر بالخيار ‎-o)
hint-import-formats = يستورد mujaz المسودات بصيغ `.txt` (بترميز UTF-8 أو UTF-16 أو Windows-1256) و`.md` و`.docx`
import-too-large = حجم الملف أكبر من { $max } ميغابايت
import-binary = هذا ليس ملفًّا نصيًّا
import-encoding = المسودة ليست بترميز UTF-8: قُرئت بترميز { $encoding }
import-macro-document = ملف Word هذا يحمل وحدات ماكرو، ولا يفتحه mujaz
import-old-word = هذا ملف Word قديم (‎.doc)
import-encrypted-word = ملف Word هذا محمي بكلمة مرور (أو هو ملف ‎.doc قديم)
import-not-a-zip = هذا ليس ملف Word بصيغة ‎.docx
import-not-a-word-file = لا يحوي الملف مستند Word
import-zip-too-many = في الملف أكثر من { $max } من الأجزاء
import-zip-too-large = جزء من الملف يتجاوز بعد فكّه { $max } ميغابايت
hint-import-save-as-docx = افتحه في Word واحفظه «مستند Word» ‏(‎.docx) بلا كلمة مرور، أو نصًّا عاديًّا
import-no-sections = لا يسمّي أي عنوان في المسودة قسمًا من أقسام الموجز
hint-import-headings = ضع كل قسم تحت عنوان في سطر وحده، من هذه العناوين: { $headings }
import-summary = في الخبر { $news } من الفقرات، وفي التعقيب { $points } من النقاط، وفي الخلفية { $background } من الفقرات، و{ $questions } من الأسئلة، و{ $sources } من المصادر
import-written = كُتب { $path }: { $found }
import-fill-title = أكمِل: العنوان (لم يسبق الأقسامَ سطرٌ قصير يسمّيه)
import-fill-date = أكمِل: التاريخ (لا تذكر المسودة تاريخًا)
import-next = الخطوة التالية: `mujaz check { $path }`
import-image-written = كُتبت صورة المسودة { $path }
import-fill-alt = أكمِل: وصفها `alt` لمن لا يراها (لا تصفها المسودة)
site-written = صار { $index } و{ $feed } يسردان { $entries ->
        [one] مادة واحدة
        [two] مادتين
        [few] { $entries } مواد
        [many] { $entries } مادةً
       *[other] { $entries } مادة
    }
site-unchanged = لم يتغير { $index } ولا { $feed } ({ $entries ->
        [one] مادة واحدة
        [two] مادتان
        [few] { $entries } مواد
        [many] { $entries } مادةً
       *[other] { $entries } مادة
    })
site-not-listed = لم يُبنَ في { $folder } شيء يُسرد، فتُرك فهرسه وموجزه التلقائي كما كانا
site-print = ملفات PDF في الموقع هي نسخة الشاشة للقراء؛ أما نسخة المطبعة فتُبنى بالأمر `mujaz build --print`
