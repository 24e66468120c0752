import { InvalidLink } from "@/users/components/invalid-link";

export default function ResetNotFound() {
  return <InvalidLink />;
}
