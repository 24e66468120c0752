import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-medium text-muted">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-3 text-sm text-muted">
        This page does not exist, or it is not one you can open. Check the link, or go back to your home page.
      </p>
      <Link href="/" className="mt-6 inline-block rounded-md border border-line bg-white px-4 py-2 text-sm font-medium hover:bg-canvas">
        Go to home
      </Link>
    </main>
  );
}
