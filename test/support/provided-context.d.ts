import type { JWK } from "jose";

// What global-setup.ts provides to the pool config and the tests (vitest `inject`).
declare module "vitest" {
  export interface ProvidedContext {
    jwksUrl: string;
    jwksPrivateKey: JWK & { kid: string };
    anthropicUrl: string;
    anthropicApiKey: string;
    pushStubUrl: string;
    livekitUrl: string;
    expoPushUrl: string;
    fcmBaseUrl: string;
    fcmServiceAccount: string;
    emailStubUrl: string;
    turnstileUrl: string;
    /** USDA FoodData Central's and Open Food Facts' stand-ins (fdc-stub, open-food-facts-stub). */
    fdcUrl: string;
    fdcApiKey: string;
    openFoodFactsUrl: string;
    /** The fixture photo of a plate (fixtures/plate.jpg), for tests inside workerd. */
    platePhotoBase64: string;
    /** The built Worker bundle's script, for the browser tests (test/console). */
    workerBundle: string;
  }
}
