# رسائل عن المنفذ: مجلده، وملف outlet.toml فيه، وخطوطه وصوره.

outlet-missing-glyph = لا يرسم أيٌّ من الخطوط المضمّنة `{ $char }` (U+{ $code })، وهو في نص يطبعه المنفذ
hint-outlet-missing-glyph = سيُطبع مربعًا فارغًا؛ الخطوط التي جُرّبت: { $fonts }. غيّر نص المنفذ
rgb-image = النسخة المطبوعة تحمل صورة RGB هذه كما هي
hint-rgb-image = ستحوّلها المطبعة إلى CMYK للطباعة وقد تتغير ألوانها؛ للحصول على ألوان راجعتها بنفسك ضع صورة JPEG بنظام CMYK (أو صورة SVG)
unknown-base = يذكر `outlet.base` المنفذ `{ $base }`، وليس من المنافذ المدمجة
hint-builtin-outlets = المنافذ المدمجة: { $outlets }
no-main-file = ليس في المنفذ `{ $outlet }` الملف `{ $file }`
incomplete-settings = إعدادات المنفذ `{ $outlet }` بعد دمجها ناقصة ({ $detail })

## الخطوط

too-many-fonts = في هذا المنفذ { $count } من ملفات الخطوط، والحد الأقصى { $max }
hint-too-many-fonts = أبقِ الأوزان التي يستعملها المنفذ (العادي والعريض وربما المائل) من عائلة أو عائلتين
not-a-font = هذا ليس خطًّا يستطيع mujaz أن ينضّد به
hint-not-a-font = ضع ملف خط TrueType أو OpenType (‏.ttf أو ‎.otf أو ‎.ttc)، أو انقل هذا الملف خارج مجلد fonts/
font-shadowed = عائلة هذا الخط `{ $family }` هي عائلة خط مدمج، فيُستعمل الخط المدمج مكانه
hint-font-shadowed = احذف الملف، أو استعمل خطًّا اسم عائلته خاص به
font-without-licence = خطوط المنفذ بلا ملف ترخيص
hint-font-without-licence = ضع ترخيص الخطوط (ملف OFL.txt لخطوط رخصة SIL المفتوحة) في مجلد fonts/: فملف PDF يضمّن الخطوط، وأكثر تراخيصها تشترط أن يرافقها الترخيص

## المجلد

outlet-symlink = لا يجوز أن يحتوي مجلد المنفذ روابط رمزية
outlet-hard-link = لا يجوز أن يحتوي مجلد المنفذ روابط صلبة
hint-copy-into-outlet = انسخ الملف نفسه إلى مجلد المنفذ
outlet-file-too-large = حجم الملف أكبر من { $max } ميغابايت
outlet-too-many-files = الحد الأقصى لعدد الملفات في مجلد المنفذ { $max }
outlet-too-large = الحد الأقصى لمجموع أحجام ملفات المنفذ { $max } ميغابايت
image-too-large = أبعاد الصورة { $width } × { $height } بكسل ({ $millions } مليون)، والحد الأقصى للصورة { $max } مليون بكسل
image-too-large-inside = { $why } (داخل الملف، في عنوان data:)
hint-image-too-large = صغّر الصورة؛ فالصفحة تحتاج إلى نحو 3500 × 2500 بكسل بدقة الطباعة

## ملف outlet.toml

hint-see-outlets = راجع قسم «المنافذ والقوالب» في ملف README
invalid-setting = `{ $name }`: { $problem }
length-too-long = `{ $text }` أطول مما تكون الصفحة
hint-length-too-long = الحد الأقصى للطول 5080mm (200in)، وهو أكبر مقاس لصفحة PDF
not-a-length = `{ $text }` ليس طولًا
hint-length = اكتب رقمًا ووحدة: "21mm" أو "2.1cm" أو "12pt" أو "1in"
out-of-range = `{ $text }` خارج الحدود المسموح بها
range-logo-height = اجعل ارتفاع الشعار بين 5mm و60mm
range-font-size = اجعل حجم خط المتن بين 6pt و30pt
leading-out-of-range = تباعد الأسطر خارج الحدود المسموح بها
hint-leading = اكتبه بوحدة em من 0 إلى 5، مثل 0.9
not-a-colour = `{ $text }` ليس لونًا
hint-colour = اكتب ألوان الشاشة هكذا "#rrggbb"، مثل "#1d3557"
cmyk-needs-four = يحتاج لون الطباعة إلى أربع نسب مئوية
hint-cmyk = اكتب [السماوي، الأرجواني، الأصفر، الأسود] من 0 إلى 100، مثل [90, 60, 10, 40]
unknown-font-family = لا توجد عائلة خطوط باسم `{ $family }`
hint-font-families = الخطوط المتاحة: { $families }
not-a-choice = `{ $text }` ليس من الخيارات المتاحة
hint-choose-one = اختر واحدًا من: { $choices }
unknown-entry = في `{ $name }` مدخل غير معروف
hint-choose-from = اختر من: { $choices }
outlet-no-such-file = ليس في المنفذ ملف `{ $file }`
hint-outlet-no-such-file = ضع الملف في مجلد المنفذ واذكر مساره نسبةً إلى ذلك المجلد
path-leaves-outlet = المسار `{ $path }` يخرج من مجلد المنفذ
hint-path-inside = اذكر مسارًا داخل مجلد المنفذ، مثل "logo.svg"
unknown-placeholder = في `{ $name }` خانة غير معروفة `{ $placeholder }`
hint-no-placeholders = هذه التسمية لا تأخذ خانات: اكتب نصها بلا أقواس معقوفة
hint-placeholder-did-you-mean = هل تقصد `{ $suggestion }`؟ خانات هذه التسمية: { $known }
hint-placeholders = خانات هذه التسمية: { $known }
kind-font-family = اسمَ عائلة خطوط
kind-string-or-languages = نصًّا أو جدولًا باللغات
kind-length = طولًا
kind-em = عددًا بوحدة em
not-a-base-url = `{ $text }` ليس عنوان ويب يصلح لنشر موقع
hint-base-url = اكتب عنوان المجلد الذي يُنشر فيه الموقع مبتدئًا بـ `https://`، مثل "https://briefs.example.org/"، أو "" إن لم يكن له عنوان
kind-colour = لونًا
kind-cmyk = أربعَ نسب مئوية CMYK
kind-font-families = قائمةَ عائلات خطوط
pdf-x-needs-trim = يحتاج معيار PDF/X-4 إلى تحديد حد القص في كل صفحة، وصفحات الطباعة في هذا المنفذ بلا هامش نزف ولا علامات قص
hint-pdf-x-needs-trim = حدّد هامش النزف `bleed` تحت [print] (والمعتاد 3mm) أو فعّل `crop-marks`؛ أو احذف "pdf/x-4" من `standards`
