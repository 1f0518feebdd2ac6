declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const porter: { stem(token: string): string };
  export default porter;
}
