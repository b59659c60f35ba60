import type { TUiLanguage } from "@caucus/shared";

/** A noun's forms by CLDR plural category; `other` is always there. */
type TPluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** The sentences of a reset mail in one language. */
interface TResetMailWording {
  subject: string;
  asked: string;
  /** "minute" after the count, in the case the sentence puts it in. */
  minutes: TPluralForms;
  /** The line before the link; `within` is the count and its noun ("30 minutes"). */
  openLink(within: string): string;
  signsOut: string;
  notAsked: string;
}

/**
 * The reset mail in every interface language (a `Record` over
 * TUiLanguage: a language added there fails the typecheck until its mail
 * is written). Only the server sends mail, so its sentences live here, not
 * in the web app's catalogues; their words follow those catalogues' `reset`
 * sentences (the same formality, "sign out on every device").
 */
const RESET_MAIL: Readonly<Record<TUiLanguage, TResetMailWording>> = {
  ar: {
    subject: "إعادة تعيين كلمة مرور Caucus",
    asked: "طلب أحدهم إعادة تعيين كلمة مرور حسابك على Caucus.",
    minutes: { zero: "دقيقة", one: "دقيقة", two: "دقيقتين", few: "دقائق", many: "دقيقة", other: "دقيقة" },
    openLink: (within) => `لاختيار كلمة مرور جديدة، افتح هذا الرابط خلال ${within}. يعمل مرة واحدة:`,
    signsOut: "تعيين كلمة مرور جديدة يسجّل خروج حسابك من كل الأجهزة.",
    notAsked: "إذا لم تطلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.",
  },
  zh: {
    subject: "重置您的 Caucus 密码",
    asked: "有人请求重置您的 Caucus 账户的密码。",
    minutes: { other: "分钟" },
    openLink: (within) => `要设置新密码，请在 ${within}内打开此链接。它只能使用一次：`,
    signsOut: "设置新密码后，您的账户会在所有设备上退出登录。",
    notAsked: "如果这不是您本人的请求，请忽略此邮件：您的密码保持不变。",
  },
  en: {
    subject: "Reset your Caucus password",
    asked: "Someone asked to reset the password of your Caucus account.",
    minutes: { one: "minute", other: "minutes" },
    openLink: (within) => `To choose a new password, open this link within ${within}. It works once:`,
    signsOut: "Setting a new password signs your account out on every device.",
    notAsked: "If you did not ask for this, ignore this mail: your password stays as it is.",
  },
  fr: {
    subject: "Réinitialisez votre mot de passe Caucus",
    asked: "Quelqu’un a demandé à réinitialiser le mot de passe de votre compte Caucus.",
    minutes: { one: "minute", other: "minutes" },
    openLink: (within) =>
      `Pour choisir un nouveau mot de passe, ouvrez ce lien dans les ${within}. Il fonctionne une fois :`,
    signsOut: "Choisir un nouveau mot de passe déconnecte votre compte de tous les appareils.",
    notAsked: "Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste tel qu’il est.",
  },
  ru: {
    subject: "Сброс пароля Caucus",
    asked: "Кто-то запросил сброс пароля вашей учётной записи Caucus.",
    minutes: { one: "минуты", few: "минут", many: "минут", other: "минуты" },
    openLink: (within) =>
      `Чтобы выбрать новый пароль, откройте эту ссылку в течение ${within}. Она работает один раз:`,
    signsOut: "После установки нового пароля учётная запись выйдет на всех устройствах.",
    notAsked: "Если вы этого не запрашивали, не обращайте внимания на это письмо: ваш пароль не изменится.",
  },
  es: {
    subject: "Restablezca su contraseña de Caucus",
    asked: "Alguien pidió restablecer la contraseña de su cuenta de Caucus.",
    minutes: { one: "minuto", other: "minutos" },
    openLink: (within) =>
      `Para elegir una contraseña nueva, abra este enlace en los próximos ${within}. Funciona una vez:`,
    signsOut: "Al guardar una contraseña nueva se cierra la sesión de su cuenta en todos los dispositivos.",
    notAsked: "Si usted no lo pidió, ignore este correo: su contraseña seguirá igual.",
  },
};

/**
 * A reset mail's subject and plain text in `language`: who asked, the
 * link and how long it works, what setting a password does, and what to do
 * if it was not you. Arabic lines start with Arabic letters, so a mail
 * reader that follows Unicode's bidirectional rules sets them right to left.
 */
export function resetMail(input: { language: TUiLanguage; link: string; minutes: number }): {
  subject: string;
  text: string;
} {
  const wording = RESET_MAIL[input.language];
  const category = new Intl.PluralRules(input.language).select(input.minutes);
  const within = `${input.minutes} ${wording.minutes[category] ?? wording.minutes.other}`;
  return {
    subject: wording.subject,
    text: [
      wording.asked,
      "",
      wording.openLink(within),
      input.link,
      "",
      wording.signsOut,
      wording.notAsked,
    ].join("\n"),
  };
}
