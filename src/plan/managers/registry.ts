/** The package managers pydock supports, by the name `[dependencies] manager` takes. */
import type { ManagerName } from "../../config/model.js";
import type { PackageManager } from "./manager.js";
import { pdm } from "./pdm.js";
import { pip } from "./pip.js";
import { pipenv } from "./pipenv.js";
import { poetry } from "./poetry.js";
import { uv } from "./uv.js";

export const MANAGERS: Readonly<Record<ManagerName, PackageManager>> = { poetry, uv, pip, pdm, pipenv };
