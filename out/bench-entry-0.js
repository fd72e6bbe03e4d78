export { isCustomerSession } from "./index.js";
