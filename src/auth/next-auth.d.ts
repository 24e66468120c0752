import type { UserRole } from "@/db/schema";

declare module "next-auth" {
  interface User {
    organisationId?: string;
    role?: UserRole;
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: UserRole; organisationId: string };
    sessionVersion: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    org?: string;
    role?: UserRole;
    sv?: number;
    authTime?: number;
  }
}
