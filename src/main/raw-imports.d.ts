// Vite bundles `?raw` imports as strings (the TR-181 reference in resources/tr181/).
declare module '*.json?raw' {
  const text: string;
  export default text;
}
