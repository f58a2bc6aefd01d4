// Types of public-go-env.mjs for the TypeScript tests.
export declare function withoutGoVariables(): NodeJS.ProcessEnv;
export declare function publicProxyGoEnv(): NodeJS.ProcessEnv;
