import { test as setup } from "@playwright/test";
import { personas, signInViaApi, stateFile, type Persona } from "./personas";


for (const persona of Object.keys(personas) as Persona[]) {
  setup(`sign in as ${persona}`, async ({ request }) => {
    await signInViaApi(request, personas[persona]);
    await request.storageState({ path: stateFile(persona) });
  });
}
