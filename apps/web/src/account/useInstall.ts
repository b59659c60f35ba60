import { useEffect, useState } from "react";
import { getInstall } from "../api/account";

type TInstall = Awaited<ReturnType<typeof getInstall>>;

/**
 * What the install says of accounts (first one yet? sign-up open or by
 * invitation? passwords reset by mail or by an owner?), asked each time a
 * page that needs it opens, since the first account changes the answer;
 * null until it answers, or when it cannot be reached (the pages then offer
 * everything, and the server still decides).
 */
export function useInstall(): TInstall | null {
  const [install, setInstall] = useState<TInstall | null>(null);
  useEffect(() => {
    let current = true;
    getInstall()
      .then((answer) => {
        if (current) setInstall(answer);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return install;
}
