//! The words of every email the inbox sends. Submitters are written to in the
//! language of their request; staff get short messages in Kazakh, Russian and
//! English, one after the other. No email carries another person's contact.

/// (subject, body) for the submitter, in `lang`.
pub fn to_submitter(lang: &str, what: SubmitterNotice<'_>) -> (String, String) {
    use SubmitterNotice::*;
    match (lang, what) {
        // The status link is in the acknowledgement: only its hash is kept.
        ("kk", Answer { code, text }) => (
            format!("{code} өтінішіңізге жауап"),
            format!("{text}\n\n—\nӨтініш: {code}. Жауап күй бетінде де тұр (алғашқы хаттағы сілтеме).\n"),
        ),
        ("ru", Answer { code, text }) => (
            format!("Ответ на ваше обращение {code}"),
            format!("{text}\n\n—\nОбращение: {code}. Ответ есть и на странице статуса (ссылка в первом письме).\n"),
        ),
        (_, Answer { code, text }) => (
            format!("The answer to your request {code}"),
            format!(
                "{text}\n\n—\nRequest: {code}. The answer is also on its status page (the link in our first email).\n"
            ),
        ),
        ("kk", Extended { code, due, reason }) => (
            format!("{code} өтінішінің мерзімі ұзартылды"),
            format!("{code} өтінішіңізге жауап беру мерзімі {due} дейін ұзартылды.\nСебебі: {reason}\n"),
        ),
        ("ru", Extended { code, due, reason }) => (
            format!("Срок ответа на обращение {code} продлён"),
            format!("Срок ответа на ваше обращение {code} продлён до {due}.\nПричина: {reason}\n"),
        ),
        (_, Extended { code, due, reason }) => (
            format!("The deadline for {code} was extended"),
            format!("The answer to your request {code} is now due by {due}.\nReason: {reason}\n"),
        ),
        ("kk", Redirected { code, to, reason }) => (
            format!("{code} өтініші басқа органға жіберілді"),
            format!("{code} өтінішіңіз қаралу үшін мына органға жіберілді: {to}.\nСебебі: {reason}\n"),
        ),
        ("ru", Redirected { code, to, reason }) => (
            format!("Обращение {code} перенаправлено"),
            format!("Ваше обращение {code} направлено на рассмотрение: {to}.\nПричина: {reason}\n"),
        ),
        (_, Redirected { code, to, reason }) => (
            format!("Your request {code} was sent on"),
            format!("Your request {code} was sent to {to}, which can answer it.\nReason: {reason}\n"),
        ),
        ("kk", Rejected { code, reason }) => (
            format!("{code} өтініші қаралмайды"),
            format!("{code} өтінішіңіз қаралмайды.\nСебебі: {reason}\n"),
        ),
        ("ru", Rejected { code, reason }) => (
            format!("Обращение {code} оставлено без рассмотрения"),
            format!("Ваше обращение {code} оставлено без рассмотрения.\nПричина: {reason}\n"),
        ),
        (_, Rejected { code, reason }) => (
            format!("Your request {code} was not accepted"),
            format!("Your request {code} will not be considered.\nReason: {reason}\n"),
        ),
    }
}

#[derive(Debug, Clone, Copy)]
pub enum SubmitterNotice<'a> {
    Answer {
        code: &'a str,
        text: &'a str,
    },
    Extended {
        code: &'a str,
        due: &'a str,
        reason: &'a str,
    },
    Redirected {
        code: &'a str,
        to: &'a str,
        reason: &'a str,
    },
    Rejected {
        code: &'a str,
        reason: &'a str,
    },
}

/// (subject, body) for a staff member, in all three languages.
pub fn to_staff(what: StaffNotice<'_>) -> (String, String) {
    use StaffNotice::*;
    let (kk, ru, en, subject_en) = match what {
        Assigned { code, subject, url } => (
            format!("Сізге {code} өтініші тағайындалды: {subject}"),
            format!("Вам назначено обращение {code}: {subject}"),
            format!("{code} was assigned to you: {subject}"),
            format!("Assigned to you: {code}"),
        )
            .pipe_url(url),
        Reminder { code, due, url } => (
            format!("{code} өтінішіне жауап беру мерзімі: {due}"),
            format!("Срок ответа на обращение {code}: {due}"),
            format!("{code} is due by {due}"),
            format!("Reminder: {code} is due by {due}"),
        )
            .pipe_url(url),
        Escalated {
            code,
            due,
            assignee,
            url,
        } => (
            format!("{code} өтінішінің мерзімі өтті ({due}); орындаушы: {assignee}"),
            format!("Обращение {code} просрочено (срок {due}); исполнитель: {assignee}"),
            format!("{code} is overdue (was due {due}); assignee: {assignee}"),
            format!("Overdue: {code}"),
        )
            .pipe_url(url),
        Summary {
            overdue,
            due_soon,
            lines,
            url,
        } => (
            format!("Мерзімі өткен: {overdue}; мерзімі жақын: {due_soon}"),
            format!("Просрочено: {overdue}; срок скоро: {due_soon}"),
            format!("Overdue: {overdue}; due soon: {due_soon}\n\n{lines}"),
            format!("Daily summary: {overdue} overdue, {due_soon} due soon"),
        )
            .pipe_url(url),
    };
    (format!("Ashyq · {subject_en}"), format!("{kk}\n\n{ru}\n\n{en}\n"))
}

trait PipeUrl {
    fn pipe_url(self, url: &str) -> (String, String, String, String);
}

impl PipeUrl for (String, String, String, String) {
    fn pipe_url(self, url: &str) -> (String, String, String, String) {
        (
            format!("{}\n{url}", self.0),
            format!("{}\n{url}", self.1),
            format!("{}\n{url}", self.2),
            self.3,
        )
    }
}

#[derive(Debug, Clone, Copy)]
pub enum StaffNotice<'a> {
    Assigned {
        code: &'a str,
        subject: &'a str,
        url: &'a str,
    },
    Reminder {
        code: &'a str,
        due: &'a str,
        url: &'a str,
    },
    Escalated {
        code: &'a str,
        due: &'a str,
        assignee: &'a str,
        url: &'a str,
    },
    Summary {
        overdue: i64,
        due_soon: i64,
        lines: &'a str,
        url: &'a str,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_submitter_reads_the_answer_in_the_language_of_the_request() {
        let n = SubmitterNotice::Answer {
            code: "Q-2026-000001",
            text: "Жауап мәтіні",
        };
        let (kk, ru) = (to_submitter("kk", n), to_submitter("ru", n));
        assert!(kk.0.contains("жауап") && ru.0.contains("Ответ"));
        assert!(kk.1.contains("Жауап мәтіні") && kk.1.contains("Q-2026-000001"));
    }

    #[test]
    fn staff_messages_carry_all_three_languages_and_the_link() {
        let (s, b) = to_staff(StaffNotice::Reminder {
            code: "PQ-2026-000002",
            due: "2026-11-27 18:00",
            url: "https://x/staff/items/PQ-2026-000002",
        });
        assert!(s.contains("PQ-2026-000002"));
        assert!(b.contains("мерзімі") && b.contains("Срок") && b.contains("is due") && b.contains("/staff/items/"));
    }
}
