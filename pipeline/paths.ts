// The project's folder, whether this code runs as TypeScript from pipeline/ or as the build from dist/pipeline/.
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL(import.meta.url.endsWith(".js") ? "../../" : "../", import.meta.url));
