//! Writing dates and numbers the way an outlet's readers expect: month names by region,
//! Western or Arabic-Indic digits, the era letter, and the Hijri date beside the Gregorian.

use icu_calendar::Date as IcuDate;
use icu_calendar::cal::Hijri;
use icu_calendar::cal::hijri::{TabularAlgorithmEpoch, TabularAlgorithmLeapYears};

use crate::brief::{Date, Lang};

/// How an outlet writes dates and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    /// Which Arabic names the Gregorian months go by.
    pub months: Months,
    /// Which digits numbers are written with (Arabic briefs only).
    pub digits: Digits,
    /// Whether years carry the era letter: م (Gregorian) and هـ (Hijri).
    pub era: bool,
    /// Which Hijri calendar to show beside the Gregorian date, if any.
    pub hijri: Option<HijriCalendar>,
}

/// Arabic names of the Gregorian months, by region (as in Unicode CLDR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Months {
    /// Egypt, Sudan, the Gulf, Yemen, Libya: يناير، فبراير، …
    Egypt,
    /// Syria, Lebanon, Jordan, Palestine, Iraq: كانون الثاني، شباط، …
    Levant,
    /// Algeria and Tunisia: جانفي، فيفري، …
    AlgeriaTunisia,
    /// Morocco: يناير، فبراير، … يوليوز، غشت، شتنبر، …
    Morocco,
}

/// The digits numbers are written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    /// 0123456789
    Western,
    /// ٠١٢٣٤٥٦٧٨٩
    ArabicIndic,
}

/// The Hijri calendars mujaz can compute (with ICU4X).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HijriCalendar {
    /// Saudi Arabia's Umm al-Qura calendar.
    UmmAlQura,
    /// The arithmetical (tabular, civil) Islamic calendar.
    Tabular,
}

impl Default for Locale {
    fn default() -> Self {
        Self { months: Months::Egypt, digits: Digits::Western, era: true, hijri: None }
    }
}

impl Locale {
    /// Write a Gregorian date out in full: `21 سبتمبر 2025م`, `21 September 2025`.
    pub fn date(&self, date: Date, lang: Lang) -> String {
        let month = usize::from(date.month.clamp(1, 12)) - 1;
        match lang {
            Lang::Ar => {
                let era = if self.era { "م" } else { "" };
                let text = format!("{} {} {}{era}", date.day, self.arabic_months()[month], date.year);
                self.number(&text, lang)
            }
            Lang::En => format!("{} {} {}", date.day, ENGLISH_MONTHS[month], date.year),
        }
    }

    /// The same day in the outlet's Hijri calendar, if it shows one: `29 ربيع الأول 1447هـ`.
    pub fn hijri(&self, date: Date, lang: Lang) -> Option<String> {
        let (year, month, day) = hijri_date(date, self.hijri?)?;
        let index = usize::from(month.clamp(1, 12)) - 1;
        // Years before the Hijra count backwards, with their own era (ق.هـ, BH).
        let (year, before) = if year <= 0 { (1 - year, true) } else { (year, false) };
        Some(match lang {
            Lang::Ar => {
                let era = match (self.era, before) {
                    (_, true) => " ق.هـ",
                    (true, false) => "هـ",
                    (false, false) => "",
                };
                self.number(&format!("{day} {} {year}{era}", HIJRI_MONTHS_AR[index]), lang)
            }
            Lang::En => {
                let era = match (self.era, before) {
                    (_, true) => " BH",
                    (true, false) => " AH",
                    (false, false) => "",
                };
                format!("{day} {} {year}{era}", HIJRI_MONTHS_EN[index])
            }
        })
    }

    /// Write the digits of `text` in the outlet's digits (Arabic briefs only).
    pub fn number(&self, text: &str, lang: Lang) -> String {
        match lang {
            Lang::Ar => write_digits(text, self.digits),
            Lang::En => text.to_string(),
        }
    }

    fn arabic_months(&self) -> &'static [&'static str; 12] {
        match self.months {
            Months::Egypt => &EGYPT_MONTHS,
            Months::Levant => &LEVANT_MONTHS,
            Months::AlgeriaTunisia => &ALGERIA_TUNISIA_MONTHS,
            Months::Morocco => &MOROCCO_MONTHS,
        }
    }
}

/// Write the ASCII digits of `text` in `digits`.
pub fn write_digits(text: &str, digits: Digits) -> String {
    match digits {
        Digits::ArabicIndic => text
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => char::from_u32(0x0660 + d).unwrap_or(c),
                _ => c,
            })
            .collect(),
        Digits::Western => text.to_string(),
    }
}

/// Convert a Gregorian date to (year, month, day) in a Hijri calendar.
pub fn hijri_date(date: Date, calendar: HijriCalendar) -> Option<(i32, u8, u8)> {
    let gregorian = IcuDate::try_new_gregorian(date.year, date.month, date.day).ok()?;
    let (year, month, day) = match calendar {
        HijriCalendar::UmmAlQura => {
            let hijri = gregorian.to_calendar(Hijri::new_umm_al_qura());
            (hijri.year().extended_year(), hijri.month().ordinal, hijri.day_of_month().0)
        }
        HijriCalendar::Tabular => {
            let tabular = Hijri::new_tabular(TabularAlgorithmLeapYears::TypeII, TabularAlgorithmEpoch::Friday);
            let hijri = gregorian.to_calendar(tabular);
            (hijri.year().extended_year(), hijri.month().ordinal, hijri.day_of_month().0)
        }
    };
    Some((year, month, day))
}

const EGYPT_MONTHS: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const LEVANT_MONTHS: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
const ALGERIA_TUNISIA_MONTHS: [&str; 12] =
    ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const MOROCCO_MONTHS: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"];
const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const HIJRI_MONTHS_AR: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];
const HIJRI_MONTHS_EN: [&str; 12] = [
    "Muharram",
    "Safar",
    "Rabi' al-Awwal",
    "Rabi' al-Akhir",
    "Jumada al-Ula",
    "Jumada al-Akhirah",
    "Rajab",
    "Sha'ban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qa'dah",
    "Dhu al-Hijjah",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn month_names_follow_the_region() {
        let day = date(2025, 9, 21);
        let with = |months| Locale { months, ..Locale::default() }.date(day, Lang::Ar);
        assert_eq!(with(Months::Egypt), "21 سبتمبر 2025م");
        assert_eq!(with(Months::Levant), "21 أيلول 2025م");
        assert_eq!(with(Months::AlgeriaTunisia), "21 سبتمبر 2025م");
        assert_eq!(with(Months::Morocco), "21 شتنبر 2025م");
        let july = date(2025, 7, 1);
        assert_eq!(
            Locale { months: Months::AlgeriaTunisia, ..Locale::default() }.date(july, Lang::Ar),
            "1 جويلية 2025م"
        );
    }

    #[test]
    fn digits_and_era_are_settings() {
        let locale = Locale { digits: Digits::ArabicIndic, era: false, ..Locale::default() };
        assert_eq!(locale.date(date(2025, 9, 21), Lang::Ar), "٢١ سبتمبر ٢٠٢٥");
        assert_eq!(locale.date(date(2025, 9, 21), Lang::En), "21 September 2025");
    }

    /// Known days of the Umm al-Qura calendar, as published by Saudi Arabia's calendar
    /// (ummulqura.org.sa): 1 Ramadan 1445 = 11 March 2024, 1 Muharram 1446 = 7 July 2024,
    /// 1 Shawwal 1446 = 30 March 2025, 1 Ramadan 1446 = 1 March 2025.
    #[test]
    fn umm_al_qura_dates_match_the_published_table() {
        assert_eq!(hijri_date(date(2024, 3, 11), HijriCalendar::UmmAlQura), Some((1445, 9, 1)));
        assert_eq!(hijri_date(date(2024, 7, 7), HijriCalendar::UmmAlQura), Some((1446, 1, 1)));
        assert_eq!(hijri_date(date(2025, 3, 30), HijriCalendar::UmmAlQura), Some((1446, 10, 1)));
        assert_eq!(hijri_date(date(2025, 3, 1), HijriCalendar::UmmAlQura), Some((1446, 9, 1)));
        let locale = Locale { hijri: Some(HijriCalendar::UmmAlQura), ..Locale::default() };
        assert_eq!(locale.hijri(date(2024, 3, 11), Lang::Ar).as_deref(), Some("1 رمضان 1445هـ"));
        let before = locale.hijri(date(600, 7, 16), Lang::Ar).unwrap();
        assert!(before.ends_with(" ق.هـ"), "{before}");
    }
}
