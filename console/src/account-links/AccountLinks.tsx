import { CancelEmailChange } from "../account/CancelEmailChange";
import { ForgotPassword } from "./ForgotPassword";
import { ResetPassword } from "./ResetPassword";
import { VerifyEmail } from "./VerifyEmail";

// The screens an emailed link (or "Forgot password?") opens, signed in or not: the Worker's
// SPA fallback serves the console at these paths, and the API's links point here.

const SCREENS: Record<string, () => React.JSX.Element> = {
  "/cancel-email-change": CancelEmailChange,
  "/forgot-password": ForgotPassword,
  "/reset-password": ResetPassword,
  "/verify-email": VerifyEmail,
};

export const isAccountLink = (path: string) => Object.hasOwn(SCREENS, path);

export function AccountLinkScreen({ path }: { path: string }) {
  const Screen = SCREENS[path];
  return Screen ? <Screen /> : null;
}
