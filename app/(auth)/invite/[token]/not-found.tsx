import { InvalidLink } from "@/users/components/invalid-link";

export default function InvitationNotFound() {
  return <InvalidLink />;
}
