# رسائل عن تنضيد الموجز وكتابته، وعن عمليات البناء المتوازي.

date-unusable = لا يستطيع Typst استعمال تاريخ الموجز
outlet-unusable = المنفذ `{ $outlet }`: { $detail }
# كلمات Typst نفسه، لمصمم المنفذ.
typst-says = رسالة Typst: { $detail }
web-template-says = قالب الويب: { $detail }
hint-web-template = قوالب الويب الخاصة بالمنفذ هي الملفات التي في مجلده `web/`؛ وينسخ الأمر `mujaz outlet new` القوالب المدمجة لتبدأ منها
hint-web-template-fuel = أدّى القالب عملًا يفوق كثيرًا ما تحتاجه أي صفحة (نشرة من 200 موجز تأخذ نحو جزء من مئة مما يُسمح به)؛ ابحث عن حلقة تدور أكثر مما ينبغي
typst-hint = من Typst: { $detail }
standards-clash = لا يجتمع معيارا PDF هذان: { $detail }
cannot-write-pdf = تعذرت كتابة ملف PDF: { $detail }
hint-outlet-glyph-at-export = حرف في نص المنفذ نفسه (قالبه أو تسمياته أو أسطر [text]) لا يرسمه أي خط مضمّن؛ غيّر ذلك النص في المنفذ
page-image-too-large = الصفحة { $page } ستصير صورة من { $millions } مليون بكسل بدقة { $ppi } بكسل في البوصة
hint-lower-ppi = اخفض ‎--ppi، أو تحقق من مقاس صفحة المنفذ
glyph-forbidden-in-print = { $problem }: ومعيار النسخة المطبوعة ({ $standards }) يمنع ذلك
hint-glyph-forbidden-in-print = الخطوط التي جُرّبت: { $fonts }؛ استبدل الحرف بحرف ترسمه، أو احذف { $settings } من `standards` تحت `[print]` في ملف outlet.toml للمنفذ
no-pages-selected = لم تُختر أي صفحة (في الموجز { $pages ->
        [one] صفحة واحدة
        [two] صفحتان
        [few] { $pages } صفحات
        [many] { $pages } صفحةً
       *[other] { $pages } صفحة
    })
hint-check-pages = تحقق من ‎--pages
cannot-write-file = تعذرت كتابة الملف: { $detail }

## عمل أُوقف

doing-layout = أثناء تنضيد الموجز
doing-write = أثناء كتابة ملف { $format }
template-timeout = استغرق المنفذ `{ $outlet }` أكثر من { $seconds } ث { $doing }، فأُوقف
hint-template-timeout = في القالب حلقة طويلة جدًّا أو لا تنتهي؛ أصلح القالب، أو ارفع الحد بالخيار ‎--timeout
template-memory = جعل المنفذ `{ $outlet }` برنامج mujaz يستهلك { $used } ميغابايت من الذاكرة { $doing }، فوق الحد البالغ { $limit } ميغابايت، فأُوقف
hint-template-memory = قالب يبني قيمًا تكبر بلا نهاية، أو صورة ضخمة؛ أصلح القالب، أو ارفع الحد بالخيار ‎--memory-limit (يُحسب للعملية كلها، وفي البناء المتوازي لكل عملية)
typst-panicked = تعطّل Typst { $doing }: { $detail }
hint-typst-panicked = هذا خلل في mujaz أو Typst لا في موجزك؛ أبلغ عنه من فضلك وأرفق الموجز
no-worker-thread = تعذر بدء خيط عمل { $doing }: { $detail }
internal-error = خطأ داخلي في mujaz { $version }: { $detail }
internal-error-hint = هذا خلل في mujaz لا في موجزك؛ أبلغ عنه من فضلك وأرفق الموجز
and-more-errors = { $first } (ومعه { $more } من الأخطاء الأخرى)
no-errors = لا أخطاء

## البناء المتوازي وعملياته

not-built-memory = لم يُبنَ: توقف البناء حين تجاوز أحد القوالب حد الذاكرة
never-built = لم يُبنَ الموجز قط
output-name-unusable = تعذرت تسمية الملف الناتج: قيمة { $placeholder } هي `{ $value }`، ولا تصلح جزءًا من اسم ملف
hint-output-name = غيّر اسم ملف الموجز، أو استعمل ‎--output-pattern بلا هذه الخانة
output-collision = { $count ->
        [2] سيُكتب الموجزان { $briefs } و{ $last } كلاهما
       *[other] ستُكتب الموجزات { $briefs } و{ $last } كلها
    } في الملف `{ $output }`
hint-output-collision = اجعل لكل موجز معرّفًا خاصًّا به، أو استعمل ‎--output-pattern مع {"{"}id{"}"} أو {"{"}date{"}"} أو {"{"}lang{"}"} أو {"{"}outlet{"}"}
worker-ended-well = انتهت عملية البناء انتهاءً طبيعيًّا
worker-not-waited-for = تعذر انتظار انتهائها
worker-ended-saying = { $cause }: { $tail }
worker-signal = انتهت عملية البناء بالإشارة { $signal }{ $name ->
        [abort] {" "}(إجهاض)
        [killed] {" "}(قتل)
        [segfault] {" "}(خطأ تجزئة في الذاكرة)
       *[other] {""}
    }
worker-exit-status = انتهت عملية البناء بالحالة { $status }
worker-cannot-hand-over = تعذر تسليم الموجز إلى عملية بناء
worker-cannot-start = تعذر بدء عملية بناء لهذا الموجز: { $detail }
worker-unreadable-failure = أبلغت عملية البناء عن إخفاق تعذرت قراءته
worker-stopped = توقف mujaz أثناء بناء هذا الموجز؛ { $cause }
hint-worker-stopped = بُني سائر الموجزات؛ والإجهاض أو فيض المكدس يأتي من قالب المنفذ أو صوره (صورة لا يستطيع Typst فكّها، أو قيم متداخلة بعمق مفرط)، والإيقاف من خارج البناء
worker-ended-twice = انتهت عملية البناء مرتين قبل أن تجيب

## كتابة الملفات

cannot-create-folder = تعذر إنشاء المجلد `{ $folder }`
output-is-a-folder = `{ $path }` مجلد؛ اذكر اسم ملف، أو ابنِ فيه عدة موجزات
output-not-a-regular-file = `{ $path }` ليس ملفًّا عاديًّا (بل جهاز أو أنبوب أو مقبس)؛ اذكر اسم ملف
cannot-create-temporary = تعذر إنشاء ملف مؤقت في `{ $folder }`
cannot-write-temporary = تعذرت كتابة الملف المؤقت
cannot-flush-temporary = تعذر حفظ الملف المؤقت على القرص
cannot-keep-permissions = تعذر الإبقاء على صلاحيات الملف
cannot-move-into-place = تعذر نقل الملف الناتج إلى مكانه في `{ $path }`
