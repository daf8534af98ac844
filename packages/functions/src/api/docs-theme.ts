// Swagger UI's own theme puts text at contrast ratios of 1.9 to 3.3 (white on its #49cc90 POST badge,
// grey on grey "Expand all", the examples' red numbers on their dark ground, white on the string
// constraints' ochre): these rules, after its stylesheet, bring each such pair to WCAG 2.1 AA's 4.5:1 for
// text. Same hues, darker (lighter on the dark ground); the ratio each pair reaches is beside it.

/**
 * The docs page's stylesheet over swagger-ui.css: one rule per colour pair axe-core finds short of 4.5:1
 * on the page as it loads and with every operation opened, tried out and answered, plus the method badges
 * our routes do not use yet, so that a new one is not the first to fail. The examples' colours are set
 * inline by Swagger UI's highlighter, so their rule must be `!important`.
 *
 * @example
 * `<style>${DOCS_CONTRAST_CSS}</style>` // after swagger-ui.css's <link>
 */
export const DOCS_CONTRAST_CSS = `
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1a6fc4; } /* 5.1 */
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #1b7f53; } /* 5.0 */
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #a85d00; } /* 5.0 */
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #c8102e; } /* 5.9 */
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #127a64; } /* 5.3 */
.swagger-ui .btn.authorize { border-color: #1b7f53; color: #1b7f53; } /* 5.0 on white */
.swagger-ui .btn.authorize svg { color: #1b7f53; }
.swagger-ui .info a { color: #1a6fc4; } /* 5.1 on white */
.swagger-ui .info .title small.version-stamp { background-color: #4b7000; } /* 5.8 */
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #555555; } /* 6.5 on #efefef */
.swagger-ui .parameter__in { color: #595959; } /* 6.5 on the GET rows' #eff7ff */
.swagger-ui .btn.execute { background-color: #1a6fc4; border-color: #1a6fc4; } /* 5.1 under white */
.swagger-ui .btn.cancel { border-color: #c8102e; color: #c8102e; } /* 5.9 on white */
.swagger-ui .json-schema-2020-12__constraint--string { background-color: #8a5a00; } /* 5.9 under white */
.swagger-ui .download-contents { background: #5b6070; } /* 6.3 under white */
.swagger-ui .microlight span[style*="rgb(211, 99, 99)"] { color: #f08a8a !important; } /* 5.2 on #333 */
.swagger-ui .webhooks > h2 { display: none; } /* the page's own h2 and h3 stand before it */
`;
